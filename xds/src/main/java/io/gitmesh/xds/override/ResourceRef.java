package io.gitmesh.xds.override;

import io.gitmesh.schema.policy.TargetType;
import java.util.Objects;

/** A top-level resource of a workload's config: its type and name. */
record ResourceRef(TargetType type, String name) {
    ResourceRef {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
    }

    /** {@code Cluster "web"}. */
    String describe() {
        return type.word() + " \"" + name + "\"";
    }
}
