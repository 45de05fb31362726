package io.gitmesh.ca.bc;

import io.gitmesh.ca.CaCredential;
import io.gitmesh.ca.CaMaterial;
import io.gitmesh.ca.KeyType;
import io.gitmesh.model.SpiffeId;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;

/**
 * Creates a CA: a self-signed root and, when asked for, an intermediate that signs the leaves. Runs once,
 * when a CA store is first initialised (RSA key generation takes a good fraction of a second).
 *
 * <p>Profile (X.509-SVID signing certificates): basicConstraints critical CA with a path length that
 * allows exactly the intermediates generated here, keyUsage critical keyCertSign and cRLSign, the trust
 * domain's SPIFFE ID {@code spiffe://<trustDomain>} as the one URI SAN, subject
 * {@code O=gitmesh, OU=<trustDomain>, CN=gitmesh root CA <serial prefix>} — the serial prefix tells two
 * roots of one trust domain apart while both are in a bundle.
 */
public final class CaMaterialGenerator {
    private final Clock clock;
    private final SecureRandom random;

    public CaMaterialGenerator(Clock clock, SecureRandom random) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    public CaMaterial generate(CaSettings settings) {
        Instant now = clock.instant();
        String trustDomain = settings.trustDomain();
        KeyPair rootKeys = Bc.generateKeyPair(settings.rootKeyType(), random);
        BigInteger rootSerial = Bc.serialNumber(random);
        X509Certificate root = sign(new Draft(name("gitmesh root CA", trustDomain, rootSerial), rootSerial, rootKeys,
                now, now.plus(settings.rootLifetime()), settings.intermediate() ? 1 : 0), trustDomain,
                rootKeys.getPrivate(), Optional.empty());
        CaCredential rootCredential = new CaCredential(root, rootKeys.getPrivate());
        if (!settings.intermediate()) {
            return new CaMaterial(rootCredential, Optional.empty());
        }
        KeyPair keys = Bc.generateKeyPair(KeyType.EC_P256, random);
        BigInteger serial = Bc.serialNumber(random);
        Instant notAfter = earliest(now.plus(settings.intermediateLifetime()), root.getNotAfter().toInstant());
        X509Certificate intermediate = sign(new Draft(name("gitmesh intermediate CA", trustDomain, serial), serial,
                keys, now, notAfter, 0), trustDomain, rootKeys.getPrivate(), Optional.of(root));
        return new CaMaterial(rootCredential, Optional.of(new CaCredential(intermediate, keys.getPrivate())));
    }

    private record Draft(X500Name subject, BigInteger serial, KeyPair keys, Instant issuedAt, Instant notAfter,
            int pathLength) {
    }

    /** Signs {@code draft} with {@code signingKey}, the key of {@code issuer}, or its own key when there is no issuer. */
    private X509Certificate sign(Draft draft, String trustDomain, PrivateKey signingKey, Optional<X509Certificate> issuer) {
        SubjectPublicKeyInfo key = SubjectPublicKeyInfo.getInstance(draft.keys().getPublic().getEncoded());
        X500Name issuerName = issuer.map(c -> X500Name.getInstance(c.getSubjectX500Principal().getEncoded()))
                .orElse(draft.subject());
        X509v3CertificateBuilder builder = new X509v3CertificateBuilder(issuerName, draft.serial(),
                Bc.seconds(draft.issuedAt().minus(Bc.CLOCK_SKEW_ALLOWANCE)), Bc.seconds(draft.notAfter()),
                draft.subject(), key);
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(draft.pathLength()))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false, Bc.subjectKeyIdentifier(key))
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(
                            new GeneralName(GeneralName.uniformResourceIdentifier, SpiffeId.SCHEME + trustDomain)));
            if (issuer.isPresent()) {
                builder.addExtension(Extension.authorityKeyIdentifier, false, Bc.authorityKeyIdentifier(issuer.get()));
            }
        } catch (CertIOException e) {
            throw new IllegalStateException("cannot encode a CA certificate extension", e);
        }
        return Bc.certificate(builder.build(Bc.contentSigner(signingKey, random)));
    }

    private static X500Name name(String commonName, String trustDomain, BigInteger serial) {
        String serialPrefix = serial.toString(16);
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, "gitmesh")
                .addRDN(BCStyle.OU, trustDomain)
                .addRDN(BCStyle.CN, commonName + " " + serialPrefix.substring(0, Math.min(8, serialPrefix.length())))
                .build();
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
