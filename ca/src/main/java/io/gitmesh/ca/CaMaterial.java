package io.gitmesh.ca;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a CA store keeps: a root, and optionally an intermediate that signs the leaves in its place. The
 * trust domain is read from the root's URI SAN {@code spiffe://<trustDomain>}.
 */
public record CaMaterial(CaCredential root, Optional<CaCredential> intermediate) {
    public CaMaterial {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(intermediate, "intermediate");
        X509Certificate rootCertificate = root.certificate();
        if (!rootCertificate.getSubjectX500Principal().equals(rootCertificate.getIssuerX500Principal())) {
            throw new IllegalArgumentException("the root is not self-signed: " + rootCertificate.getSubjectX500Principal()
                    + " issued by " + rootCertificate.getIssuerX500Principal());
        }
        if (Svid.trustDomain(rootCertificate).isEmpty()) {
            throw new IllegalArgumentException("the root names no trust domain: it needs one URI SAN spiffe://<trustDomain>");
        }
        intermediate.ifPresent(i -> {
            if (!i.certificate().getIssuerX500Principal().equals(rootCertificate.getSubjectX500Principal())) {
                throw new IllegalArgumentException("the intermediate " + i.certificate().getSubjectX500Principal()
                        + " is not issued by the root " + rootCertificate.getSubjectX500Principal());
            }
        });
    }

    public String trustDomain() {
        return Svid.trustDomain(root.certificate()).orElseThrow();
    }

    /** The credential that signs leaves: the intermediate when there is one, else the root. */
    public CaCredential signer() {
        return intermediate.orElse(root);
    }

    /** The certificates above a leaf: the signer first, the root last. */
    public List<X509Certificate> chain() {
        List<X509Certificate> chain = new ArrayList<>();
        intermediate.ifPresent(i -> chain.add(i.certificate()));
        chain.add(root.certificate());
        return List.copyOf(chain);
    }
}
