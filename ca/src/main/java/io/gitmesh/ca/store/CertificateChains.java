package io.gitmesh.ca.store;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Reading certificates back from PEM text — a store's files, a Secret's fields, an external issuer's answer —
 * and finding the root a chain ends at.
 */
public final class CertificateChains {
    private CertificateChains() {
    }

    /**
     * Every certificate in {@code pem}, in order.
     *
     * @throws IllegalArgumentException when the text is not PEM certificates
     */
    public static List<X509Certificate> parse(String pem) {
        try {
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate certificate : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
                certificates.add((X509Certificate) certificate);
            }
            return List.copyOf(certificates);
        } catch (CertificateException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** The candidate that issued {@code certificate}: named as its issuer, and whose key verifies its signature. */
    public static Optional<X509Certificate> issuerOf(X509Certificate certificate,
            Collection<X509Certificate> candidates) {
        return candidates.stream().filter(candidate -> issued(candidate, certificate)).findFirst();
    }

    private static boolean issued(X509Certificate issuer, X509Certificate certificate) {
        if (!certificate.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            return false;
        }
        try {
            certificate.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
