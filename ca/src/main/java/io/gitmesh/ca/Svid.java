package io.gitmesh.ca;

import io.gitmesh.model.SpiffeId;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Reading SPIFFE identities out of X.509 certificates, by the X.509-SVID rules: a leaf SVID is not a CA
 * and carries exactly one URI SAN, its SPIFFE ID; a signing certificate may carry the trust domain's
 * own ID, {@code spiffe://<trustDomain>}. Checks names only: the chain is the TLS stack's business.
 */
public final class Svid {
    private static final int DNS_NAME = 2;
    private static final int URI = 6;
    private static final int KEY_CERT_SIGN = 5;
    private static final int CRL_SIGN = 6;

    private Svid() {
    }

    /**
     * The workload SPIFFE ID of a leaf (X.509-SVID §5.2): empty when the certificate is a CA or may sign
     * certificates or CRLs, has no URI SAN or more than one, or its URI is not
     * {@code spiffe://<trustDomain>/ns/<namespace>/sa/<serviceAccount>}.
     */
    public static Optional<SpiffeId> spiffeId(X509Certificate leaf) {
        List<String> uris = uris(leaf);
        if (leaf.getBasicConstraints() >= 0 || maySign(leaf) || uris.size() != 1) {
            return Optional.empty();
        }
        return SpiffeId.parse(uris.getFirst());
    }

    /** The trust domain a signing certificate names with its one URI SAN {@code spiffe://<trustDomain>}. */
    public static Optional<String> trustDomain(X509Certificate authority) {
        List<String> uris = uris(authority);
        if (authority.getBasicConstraints() < 0 || uris.size() != 1 || !uris.getFirst().startsWith(SpiffeId.SCHEME)) {
            return Optional.empty();
        }
        String trustDomain = uris.getFirst().substring(SpiffeId.SCHEME.length());
        return SpiffeId.isValidTrustDomain(trustDomain) ? Optional.of(trustDomain) : Optional.empty();
    }

    private static boolean maySign(X509Certificate certificate) {
        boolean[] keyUsage = certificate.getKeyUsage();
        return keyUsage != null && (keyUsage[KEY_CERT_SIGN] || keyUsage[CRL_SIGN]);
    }

    public static List<String> uris(X509Certificate certificate) {
        return subjectAlternativeNames(certificate, URI);
    }

    public static List<String> dnsNames(X509Certificate certificate) {
        return subjectAlternativeNames(certificate, DNS_NAME);
    }

    private static List<String> subjectAlternativeNames(X509Certificate certificate, int type) {
        Collection<List<?>> names;
        try {
            names = certificate.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            return List.of();
        }
        if (names == null) {
            return List.of();
        }
        return names.stream()
                .filter(name -> name.get(0) instanceof Integer t && t == type && name.get(1) instanceof String)
                .map(name -> (String) name.get(1))
                .toList();
    }
}
