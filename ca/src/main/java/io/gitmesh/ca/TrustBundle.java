package io.gitmesh.ca;

import io.gitmesh.model.SpiffeId;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The roots that peers in one trust domain accept. Usually one; two while a root is being rotated (the
 * new root is added to every bundle before anything is issued from it).
 *
 * @param trustDomain  the SPIFFE trust domain
 * @param roots        self-signed CA certificates, in the order they were added, without duplicates
 */
public record TrustBundle(String trustDomain, List<X509Certificate> roots) {
    public TrustBundle {
        if (!SpiffeId.isValidTrustDomain(trustDomain)) {
            throw new IllegalArgumentException("not a SPIFFE trust domain: \"" + trustDomain + "\"");
        }
        roots = List.copyOf(roots);
        if (roots.isEmpty()) {
            throw new IllegalArgumentException("a trust bundle needs at least one root");
        }
        if (new LinkedHashSet<>(roots).size() != roots.size()) {
            throw new IllegalArgumentException("a trust bundle lists a root twice");
        }
        for (X509Certificate root : roots) {
            if (root.getBasicConstraints() < 0) {
                throw new IllegalArgumentException("not a CA certificate: " + root.getSubjectX500Principal());
            }
        }
    }

    public static TrustBundle of(String trustDomain, X509Certificate root) {
        return new TrustBundle(trustDomain, List.of(root));
    }

    /** This bundle with {@code root} added last (unchanged when it is already present). */
    public TrustBundle with(X509Certificate root) {
        if (roots.contains(root)) {
            return this;
        }
        List<X509Certificate> more = new ArrayList<>(roots);
        more.add(root);
        return new TrustBundle(trustDomain, more);
    }

    /** This bundle without {@code root}; a bundle cannot lose its last root. */
    public TrustBundle without(X509Certificate root) {
        return new TrustBundle(trustDomain, roots.stream().filter(r -> !r.equals(root)).toList());
    }

    public boolean contains(X509Certificate root) {
        return roots.contains(root);
    }

    public List<Fingerprint> fingerprints() {
        return roots.stream().map(Fingerprint::of).toList();
    }

    /** For {@code PKIXParameters} and trust managers. */
    public Set<TrustAnchor> trustAnchors() {
        return roots.stream().map(root -> new TrustAnchor(root, null))
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** Every root, PEM: gRPC's file_watcher {@code ca_certificate_file}, Envoy's validation context. */
    public String pem() {
        return Pem.certificates(roots);
    }
}
