package io.gitmesh.schema.kube;

import io.gitmesh.schema.policy.Meta;

/** A Namespace (cluster-scoped: {@code meta.namespace()} is empty, labels are in meta). */
public record KubeNamespace(Meta meta) implements KubeObject {
    public static final String KIND = "Namespace";

    @Override
    public String kind() {
        return KIND;
    }
}
