package io.gitmesh.ca.certmanager;

import io.gitmesh.ca.Svid;
import io.gitmesh.ca.TrustBundle;
import io.gitmesh.ca.store.CertificateChains;
import io.gitmesh.model.SpiffeId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * A certificate cert-manager signed, read from {@code status.certificate} (the leaf, maybe intermediates, maybe
 * the root) and completed with its root from the trust bundle: the configured one, else {@code status.ca}.
 *
 * @param leaf           the workload certificate
 * @param chain          its intermediates and, last, its root
 * @param learnedBundle  the bundle read from {@code status.ca}, when none is configured
 */
record SignedChain(X509Certificate leaf, List<X509Certificate> chain, Optional<TrustBundle> learnedBundle) {
    SignedChain {
        chain = List.copyOf(chain);
    }

    static SignedChain read(RequestOutcome.Signed signed, String where, Optional<TrustBundle> configured,
            String trustDomain) {
        List<X509Certificate> presented = new ArrayList<>(certificates(signed.certificate(),
                where + " status.certificate"));
        if (presented.isEmpty()) {
            throw new CertManagerException(where + " status.certificate holds no certificate");
        }
        Optional<TrustBundle> learned = Optional.empty();
        TrustBundle bundle;
        if (configured.isPresent()) {
            bundle = configured.get();
        } else {
            List<X509Certificate> ca = signed.ca().map(text -> certificates(text, where + " status.ca"))
                    .orElseThrow(() -> new CertManagerException(where + " names no CA (status.ca is empty) and no"
                            + " trust bundle is configured: configure the issuer's CA as the trust bundle"));
            try {
                bundle = new TrustBundle(trustDomain, ca.stream().distinct().toList());
            } catch (IllegalArgumentException e) {
                throw new CertManagerException(where + " status.ca is not a usable trust bundle: " + e.getMessage());
            }
            learned = Optional.of(bundle);
        }
        X509Certificate leaf = presented.removeFirst();
        presented.removeIf(bundle::contains);
        X509Certificate top = presented.isEmpty() ? leaf : presented.getLast();
        X509Certificate root = CertificateChains.issuerOf(top, bundle.roots())
                .orElseThrow(() -> new CertManagerException(where + " holds a certificate issued by "
                        + top.getIssuerX500Principal() + ", which chains to no root of the trust bundle "
                        + bundle.fingerprints() + ": configure the issuer's CA as the trust bundle"));
        List<X509Certificate> chain = new ArrayList<>(presented);
        chain.add(root);
        return new SignedChain(leaf, chain, learned);
    }

    /** Refuses a certificate for another key or another identity than the one asked for. */
    void requireFor(SubjectPublicKeyInfo key, SpiffeId identity, String where) {
        if (!Arrays.equals(leaf.getPublicKey().getEncoded(), encoded(key))) {
            throw new CertManagerException(where + " came back with a certificate for another key than the CSR's");
        }
        Optional<SpiffeId> certified = Svid.spiffeId(leaf);
        if (!certified.equals(Optional.of(identity))) {
            throw new CertManagerException(where + " came back with a certificate for "
                    + certified.map(SpiffeId::uri).orElse("no SPIFFE ID (URI SANs " + Svid.uris(leaf) + ")")
                    + ", not " + identity.uri() + ": does the issuer rewrite names, or sign as a CA?");
        }
    }

    private static byte[] encoded(SubjectPublicKeyInfo key) {
        try {
            return key.getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException("a parsed public key cannot be encoded again", e);
        }
    }

    private static List<X509Certificate> certificates(String base64Pem, String field) {
        byte[] pem;
        try {
            pem = Base64.getDecoder().decode(base64Pem);
        } catch (IllegalArgumentException e) {
            throw new CertManagerException(field + " is not base64: " + e.getMessage());
        }
        try {
            return CertificateChains.parse(new String(pem, StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new CertManagerException(field + " is not PEM certificates: " + e.getMessage());
        }
    }
}
