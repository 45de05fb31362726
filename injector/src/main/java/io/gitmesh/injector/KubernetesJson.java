package io.gitmesh.injector;

import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON mapper for Kubernetes objects (fabric8's model, Jackson 3). Fields the model does not
 * know are kept in each object's {@code additionalProperties} and written back unchanged, so a field
 * added by a newer Kubernetes survives injection. Immutable and thread-safe.
 */
public final class KubernetesJson {
    public static final JsonMapper MAPPER = JsonMapper.builder().build();

    private KubernetesJson() {
    }
}
