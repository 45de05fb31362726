package io.gitmesh.schema.policy;

import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * One patch of an {@link EnvoyOverride}: an operation on a target, with a value written as Envoy's
 * own proto JSON (any field spelling protobuf's JSON accepts, {@code typed_config} with {@code @type}).
 * The value is kept as written; the xds module checks it against the real Envoy type of the target.
 *
 * @param value   the value as written; empty for {@code remove}
 * @param pointer where this patch is written ({@code /spec/patches/0}); the value is at
 *                {@link #valuePointer()}
 */
public record EnvoyPatch(PatchTarget target, PatchOperation operation, Optional<JsonNode> value, String pointer) {
    public EnvoyPatch {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(operation, "operation");
        value = Objects.requireNonNull(value, "value").map(JsonNode::deepCopy);
        Objects.requireNonNull(pointer, "pointer");
        if (value.isPresent() == (operation == PatchOperation.REMOVE)) {
            throw new IllegalArgumentException(operation.word()
                    + (value.isPresent() ? " takes no value" : " needs a value"));
        }
    }

    /** A copy of the value (JSON trees are mutable; this record is not). */
    @Override
    public Optional<JsonNode> value() {
        return value.map(JsonNode::deepCopy);
    }

    public String valuePointer() {
        return pointer + "/value";
    }
}
