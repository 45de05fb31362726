package io.gitmesh.xds.override;

import com.google.protobuf.Message;
import io.gitmesh.schema.policy.EnvoyPatch;
import java.util.Objects;
import java.util.Optional;

/**
 * A patch whose value parsed into the real Envoy type of its target.
 *
 * @param value the parsed value (a {@code Cluster} for a Cluster target, ...); empty for {@code remove}
 */
public record ValidPatch(EnvoyPatch patch, Optional<Message> value) {
    public ValidPatch {
        Objects.requireNonNull(patch, "patch");
        Objects.requireNonNull(value, "value");
        if (value.isPresent() != patch.value().isPresent()) {
            throw new IllegalArgumentException("a parsed value exactly when the patch has one");
        }
        value.ifPresent(v -> {
            if (!v.getDescriptorForType().equals(EnvoyTypes.of(patch.target().type()))) {
                throw new IllegalArgumentException("a " + patch.target().type().word() + " patch needs a "
                        + EnvoyTypes.of(patch.target().type()).getFullName() + ", not a "
                        + v.getDescriptorForType().getFullName());
            }
        });
    }
}
