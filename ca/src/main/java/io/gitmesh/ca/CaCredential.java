package io.gitmesh.ca;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;

/** A CA certificate with its private key. The key is never part of {@link #toString()}. */
public record CaCredential(X509Certificate certificate, PrivateKey key) {
    public CaCredential {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(key, "key");
        if (certificate.getBasicConstraints() < 0) {
            throw new IllegalArgumentException("not a CA certificate: " + certificate.getSubjectX500Principal());
        }
    }

    public Fingerprint fingerprint() {
        return Fingerprint.of(certificate);
    }

    @Override
    public String toString() {
        return "CaCredential[" + certificate.getSubjectX500Principal() + " " + fingerprint() + " key="
                + key.getAlgorithm() + "]";
    }
}
