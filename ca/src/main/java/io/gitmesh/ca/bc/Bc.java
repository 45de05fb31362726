package io.gitmesh.ca.bc;

import io.gitmesh.ca.KeyType;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The Bouncy Castle pieces shared by this package. The provider is used by reference, never installed
 * with {@code Security.addProvider}: gitmesh changes no JVM-wide security setting.
 */
final class Bc {
    static final Provider PROVIDER = new BouncyCastleProvider();

    /**
     * How far notBefore is set back from the moment of issue: a peer whose clock runs up to this much
     * behind still accepts a fresh certificate. NTP keeps nodes within a second of each other, but a VM
     * resumed from suspend or a node whose clock was stepped can lag by minutes; five minutes is also the
     * skew Kerberos tolerates by default. Lifetimes count from the moment of issue, so notAfter is unaffected.
     */
    static final Duration CLOCK_SKEW_ALLOWANCE = Duration.ofMinutes(5);

    private static final JcaX509CertificateConverter CONVERTER = new JcaX509CertificateConverter();

    private Bc() {
    }

    static KeyPair generateKeyPair(KeyType type, SecureRandom random) {
        try {
            KeyPairGenerator generator;
            if (type.isRsa()) {
                generator = KeyPairGenerator.getInstance("RSA", PROVIDER);
                generator.initialize(type == KeyType.RSA_2048 ? 2048 : 3072, random);
            } else {
                generator = KeyPairGenerator.getInstance("EC", PROVIDER);
                generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Bouncy Castle cannot generate a " + type + " key", e);
        }
    }

    /** SHA-256 with the signer's algorithm: ECDSA for EC keys, PKCS#1 v1.5 for RSA keys. */
    static ContentSigner contentSigner(PrivateKey key, SecureRandom random) {
        String algorithm = key.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        try {
            return new JcaContentSignerBuilder(algorithm).setProvider(PROVIDER).setSecureRandom(random).build(key);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("cannot sign with a " + key.getAlgorithm() + " key", e);
        }
    }

    static X509Certificate certificate(X509CertificateHolder holder) {
        try {
            return CONVERTER.getCertificate(holder);
        } catch (CertificateException e) {
            throw new IllegalStateException("Bouncy Castle built a certificate the JDK cannot read", e);
        }
    }

    /** 128 random bits, plus one so that the serial is positive (RFC 5280 §4.1.2.2: at most 20 octets). */
    static BigInteger serialNumber(SecureRandom random) {
        return new BigInteger(128, random).add(BigInteger.ONE);
    }

    /** RFC 5280 §4.2.1.2 method 1: the SHA-1 of the subjectPublicKey bits. */
    static SubjectKeyIdentifier subjectKeyIdentifier(SubjectPublicKeyInfo key) {
        try {
            return new SubjectKeyIdentifier(MessageDigest.getInstance("SHA-1").digest(key.getPublicKeyData().getBytes()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-1", e);
        }
    }

    /** Points at the issuer's own subject key identifier, or one computed from its key when it has none. */
    static AuthorityKeyIdentifier authorityKeyIdentifier(X509Certificate issuer) {
        byte[] extension = issuer.getExtensionValue(Extension.subjectKeyIdentifier.getId());
        SubjectKeyIdentifier issuerKeyId = extension != null
                ? SubjectKeyIdentifier.getInstance(ASN1OctetString.getInstance(extension).getOctets())
                : subjectKeyIdentifier(SubjectPublicKeyInfo.getInstance(issuer.getPublicKey().getEncoded()));
        return new AuthorityKeyIdentifier(issuerKeyId.getKeyIdentifier());
    }

    static boolean isRsa(SubjectPublicKeyInfo key) {
        return key.getAlgorithm().getAlgorithm().equals(PKCSObjectIdentifiers.rsaEncryption);
    }

    /** X.509 times have whole seconds: truncate, so that what is computed is what is encoded. */
    static Date seconds(Instant instant) {
        return Date.from(instant.truncatedTo(ChronoUnit.SECONDS));
    }
}
