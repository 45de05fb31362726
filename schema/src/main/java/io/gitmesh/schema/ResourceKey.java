package io.gitmesh.schema;

import java.util.Comparator;
import java.util.Objects;

/**
 * Identifies a resource the way Kubernetes does: kind, namespace and name. The API group version is
 * not part of the key, so the same TrafficTarget written in two versions is one resource.
 */
public record ResourceKey(String kind, String namespace, String name) implements Comparable<ResourceKey> {
    private static final Comparator<ResourceKey> ORDER = Comparator.comparing(ResourceKey::kind)
            .thenComparing(ResourceKey::namespace)
            .thenComparing(ResourceKey::name);

    public ResourceKey {
        Objects.requireNonNull(kind, "kind");
        namespace = namespace == null ? "" : namespace;
        name = name == null ? "" : name;
    }

    /** {@code Kind/namespace/name}, or {@code Kind/name} for cluster-scoped resources. */
    @Override
    public String toString() {
        return namespace.isEmpty() ? kind + "/" + name : kind + "/" + namespace + "/" + name;
    }

    @Override
    public int compareTo(ResourceKey o) {
        return ORDER.compare(this, o);
    }
}
