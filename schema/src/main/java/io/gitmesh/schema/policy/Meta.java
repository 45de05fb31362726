package io.gitmesh.schema.policy;

import io.gitmesh.schema.ResourceKey;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Object metadata gitmesh uses. {@code namespace} is already defaulted ({@code default} for
 * namespaced kinds written without one, empty for cluster-scoped kinds).
 */
public record Meta(String name, String namespace, Map<String, String> labels, Map<String, String> annotations,
        Origin origin) {
    public Meta {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
        labels = Map.copyOf(labels == null ? Map.of() : labels);
        annotations = Map.copyOf(annotations == null ? Map.of() : annotations);
        Objects.requireNonNull(origin, "origin");
    }

    public static Meta of(String name, String namespace, Origin origin) {
        return new Meta(name, namespace, Map.of(), Map.of(), origin);
    }

    public ResourceKey key(String kind) {
        return new ResourceKey(kind, namespace, name);
    }

    /** Labels in a stable order. */
    public TreeMap<String, String> sortedLabels() {
        return new TreeMap<>(labels);
    }
}
