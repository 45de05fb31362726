package io.gitmesh.schema.kube;

import io.gitmesh.schema.policy.Meta;

/** A ServiceAccount: the identity of the workloads that run as it. */
public record KubeServiceAccount(Meta meta) implements KubeObject {
    public static final String KIND = "ServiceAccount";

    @Override
    public String kind() {
        return KIND;
    }
}
