package io.gitmesh.ca.bc;

import io.gitmesh.ca.CaMaterial;
import io.gitmesh.ca.CertificateAuthority;
import io.gitmesh.ca.CertificateSigningRequest;
import io.gitmesh.ca.Fingerprint;
import io.gitmesh.ca.IssuedCertificate;
import io.gitmesh.ca.KeyType;
import io.gitmesh.ca.LeafRequest;
import io.gitmesh.ca.TrustBundle;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * The built-in CA: signs X.509-SVIDs with the key of a {@link CaMaterial} (its intermediate when it has
 * one, else its root). The CA's own keys are made once, by {@link CaMaterialGenerator}; issuing a
 * certificate from a CSR generates no key and uses no RSA: one CSR signature check and one ECDSA P-256
 * signature (or an RSA one, if the signer is an RSA root, which {@link CaSettings} never produces).
 *
 * <p>Immutable and thread-safe; time comes from the given {@link Clock}, randomness (serial numbers,
 * ECDSA nonces, workload keys) from the given {@link SecureRandom}. Give it a generator that does no IO
 * once seeded (the JDK's {@code DRBG}), so that issuing never blocks. A root rotation swaps instances:
 * the same material with a wider {@link #withTrustBundle trust bundle}, then the new material.
 */
public final class BouncyCastleCertificateAuthority implements CertificateAuthority {
    /** How far notBefore is set back from the moment of issue; see {@link Bc#CLOCK_SKEW_ALLOWANCE}. */
    public static final Duration CLOCK_SKEW_ALLOWANCE = Bc.CLOCK_SKEW_ALLOWANCE;

    private final CaMaterial material;
    private final TrustBundle trustBundle;
    private final Clock clock;
    private final SecureRandom random;
    private final LeafCertificateFactory leaves;

    private BouncyCastleCertificateAuthority(CaMaterial material, TrustBundle trustBundle, Clock clock,
            SecureRandom random, LeafCertificateFactory leaves) {
        this.material = material;
        this.trustBundle = trustBundle;
        this.clock = clock;
        this.random = random;
        this.leaves = leaves;
    }

    /** An authority that signs with {@code material} and whose bundle holds its root alone. */
    public static BouncyCastleCertificateAuthority of(CaMaterial material, Clock clock, SecureRandom random) {
        Objects.requireNonNull(material, "material");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(random, "random");
        return new BouncyCastleCertificateAuthority(material,
                TrustBundle.of(material.trustDomain(), material.root().certificate()), clock, random,
                new LeafCertificateFactory(material.trustDomain(), material.signer(), random));
    }

    /** The same signer, announcing {@code bundle}, which must hold this authority's root (root rotation). */
    public BouncyCastleCertificateAuthority withTrustBundle(TrustBundle bundle) {
        if (!bundle.trustDomain().equals(trustDomain())) {
            throw new IllegalArgumentException("the bundle is for trust domain " + bundle.trustDomain()
                    + ", this authority for " + trustDomain());
        }
        if (!bundle.contains(material.root().certificate())) {
            throw new IllegalArgumentException("the bundle lacks this authority's root "
                    + material.root().fingerprint() + ": peers could not verify what it issues");
        }
        return new BouncyCastleCertificateAuthority(material, bundle, clock, random, leaves);
    }

    @Override
    public String trustDomain() {
        return material.trustDomain();
    }

    /** The root this authority's certificates chain to. */
    public Fingerprint root() {
        return material.root().fingerprint();
    }

    @Override
    public IssuedCertificate issue(LeafRequest request, CertificateSigningRequest csr) {
        SubjectPublicKeyInfo key = CsrVerifier.verifiedKey(csr);
        return new IssuedCertificate(leaves.sign(request, key, clock.instant()), material.chain(), Optional.empty());
    }

    @Override
    public IssuedCertificate issueWithNewKey(LeafRequest request) {
        KeyPair keys = Bc.generateKeyPair(KeyType.EC_P256, random);
        X509Certificate leaf = leaves.sign(request, SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()),
                clock.instant());
        return new IssuedCertificate(leaf, material.chain(), Optional.of(keys.getPrivate()));
    }

    @Override
    public TrustBundle trustBundle() {
        return trustBundle;
    }

    @Override
    public String toString() {
        return "BouncyCastleCertificateAuthority[" + trustDomain() + " root=" + root() + " bundle="
                + trustBundle.fingerprints().size() + " roots]";
    }
}
