package io.gitmesh.model;

import java.util.Comparator;

/** A Kubernetes Service, by namespace and name. */
public record ServiceRef(String namespace, String name) implements Comparable<ServiceRef> {
    private static final Comparator<ServiceRef> ORDER = Comparator.comparing(ServiceRef::namespace)
            .thenComparing(ServiceRef::name);

    public ServiceRef {
        Values.requireText(namespace, "namespace");
        Values.requireText(name, "name");
    }

    /** {@code namespace/name}. */
    @Override
    public String toString() {
        return namespace + "/" + name;
    }

    @Override
    public int compareTo(ServiceRef o) {
        return ORDER.compare(this, o);
    }
}
