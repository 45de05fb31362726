package io.gitmesh.schema.policy;

import java.util.Objects;

/**
 * A workload identity named in a TrafficTarget: in SMI always {@code kind: ServiceAccount}.
 *
 * @param namespace defaulted to the TrafficTarget's namespace when written without one
 * @param port      the destination port of TrafficTarget v1alpha1/v1alpha2, null otherwise
 * @param pointer   where this reference is written in the source document
 */
public record IdentityRef(String kind, String name, String namespace, Integer port, String pointer) {
    public IdentityRef {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(pointer, "pointer");
    }
}
