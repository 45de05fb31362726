package io.gitmesh.xds.override;

import io.gitmesh.schema.policy.EnvoyOverride;
import java.util.List;
import java.util.Objects;

/** An override every patch of which parsed into its Envoy type: fit to apply. */
public record ValidOverride(EnvoyOverride override, List<ValidPatch> patches) {
    public ValidOverride {
        Objects.requireNonNull(override, "override");
        patches = List.copyOf(patches);
        if (!patches.stream().map(ValidPatch::patch).toList().equals(override.patches())) {
            throw new IllegalArgumentException("the patches of " + override.key() + ", in their order");
        }
    }
}
