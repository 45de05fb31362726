package io.gitmesh.model;

import java.util.Comparator;

/**
 * A workload identity: a Kubernetes ServiceAccount (DESIGN.md §4). Every workload running as the
 * same ServiceAccount shares it.
 */
public record Identity(String namespace, String serviceAccount) implements Comparable<Identity> {
    private static final Comparator<Identity> ORDER = Comparator.comparing(Identity::namespace)
            .thenComparing(Identity::serviceAccount);

    public Identity {
        Values.requireText(namespace, "namespace");
        Values.requireText(serviceAccount, "serviceAccount");
    }

    /** The SPIFFE ID of this identity in the given trust domain. */
    public SpiffeId spiffeId(String trustDomain) {
        return new SpiffeId(trustDomain, namespace, serviceAccount);
    }

    /** {@code namespace/serviceAccount}. */
    @Override
    public String toString() {
        return namespace + "/" + serviceAccount;
    }

    @Override
    public int compareTo(Identity o) {
        return ORDER.compare(this, o);
    }
}
