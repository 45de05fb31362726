package io.gitmesh.schema.kube;

import io.gitmesh.schema.ResourceKey;
import io.gitmesh.schema.policy.Meta;

/**
 * A Kubernetes object that stands in for the cluster when gitmesh runs offline (DESIGN.md §3):
 * only the fields gitmesh needs, read from YAML.
 */
public sealed interface KubeObject
        permits KubeNamespace, KubeService, KubeServiceAccount, KubeWorkload, KubeEndpointSlice, KubeEndpoints {
    Meta meta();

    String kind();

    default ResourceKey key() {
        return meta().key(kind());
    }
}
