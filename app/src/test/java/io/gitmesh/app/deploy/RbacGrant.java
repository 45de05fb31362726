package io.gitmesh.app.deploy;

import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One verb on one resource that a role gives gitmesh's ServiceAccount, where its binding applies it:
 * {@code namespace} "" for everywhere (a ClusterRole through a ClusterRoleBinding), else that namespace.
 * {@code resourceNames} empty means any name.
 *
 * @param source the role and binding it comes from, e.g. {@code ClusterRole/gitmesh via ClusterRoleBinding/gitmesh}
 */
record RbacGrant(String source, String verb, String apiGroup, String resource, Set<String> resourceNames,
        String namespace) implements Comparable<RbacGrant> {
    private static final String ANY = "*";

    RbacGrant {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(verb, "verb");
        Objects.requireNonNull(apiGroup, "apiGroup");
        Objects.requireNonNull(resource, "resource");
        resourceNames = Set.copyOf(resourceNames);
        Objects.requireNonNull(namespace, "namespace");
    }

    /** Whether the authorizer allows {@code call} by this grant (the RBAC rule-matching semantics). */
    boolean allows(KubeApiCall call) {
        return (verb.equals(ANY) || verb.equals(call.verb()))
                && (apiGroup.equals(ANY) || apiGroup.equals(call.apiGroup()))
                && (resource.equals(ANY) || resource.equals(call.resource()))
                && (resourceNames.isEmpty() || resourceNames.contains(call.name()))
                && (namespace.isEmpty() || namespace.equals(call.namespace()));
    }

    /** How narrow the grant is: one namespace counts 2, named objects 1; cluster-wide on any name is 0. */
    int narrowness() {
        return (namespace.isEmpty() ? 0 : 2) + (resourceNames.isEmpty() ? 0 : 1);
    }

    @Override
    public int compareTo(RbacGrant other) {
        return toString().compareTo(other.toString());
    }

    /** What is granted, without where it comes from, e.g. {@code get coordination.k8s.io/leases [x] in ns}. */
    String permission() {
        return verb + " " + (apiGroup.isEmpty() ? "" : apiGroup + "/") + resource
                + (resourceNames.isEmpty() ? "" : " " + new TreeSet<>(resourceNames))
                + (namespace.isEmpty() ? " cluster-wide" : " in " + namespace);
    }

    @Override
    public String toString() {
        return permission() + " [" + source + "]";
    }
}
