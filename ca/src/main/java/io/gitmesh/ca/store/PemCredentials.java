package io.gitmesh.ca.store;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * Reading a CA certificate and its key back from PEM text, for every store. {@code source} names where the
 * text came from (a file, a Secret's field) and starts each message; the key itself never appears in one.
 */
final class PemCredentials {
    private PemCredentials() {
    }

    static X509Certificate certificate(String source, String pem) {
        List<X509Certificate> certificates;
        try {
            certificates = CertificateChains.parse(pem);
        } catch (IllegalArgumentException e) {
            throw new CaStoreException(source + " is not a PEM certificate: " + e.getMessage());
        }
        if (certificates.size() != 1) {
            throw new CaStoreException(source + " must hold exactly one X.509 certificate, found "
                    + certificates.size());
        }
        return certificates.getFirst();
    }

    /** PKCS#8 ({@code BEGIN PRIVATE KEY}), or the older SEC1 / PKCS#1 forms openssl writes. */
    static PrivateKey privateKey(String source, String pem) {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object parsed = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            return switch (parsed) {
                case PrivateKeyInfo info -> converter.getPrivateKey(info);
                case PEMKeyPair pair -> converter.getKeyPair(pair).getPrivate();
                case null -> throw new CaStoreException(source + " holds no PEM private key");
                default -> throw new CaStoreException(source + " holds a " + parsed.getClass().getSimpleName()
                        + ", not an unencrypted private key (BEGIN PRIVATE KEY)");
            };
        } catch (IOException e) {
            // the message describes the PEM problem; the key itself never appears in it
            throw new CaStoreException(source + " is not a readable PEM private key: " + e.getMessage());
        }
    }

    /** Signs a fixed message with the key and checks it with the certificate: catches a pair from two different CAs. */
    static boolean matches(X509Certificate certificate, PrivateKey key) {
        String algorithm = key.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        byte[] message = "gitmesh CA key check".getBytes(StandardCharsets.US_ASCII);
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(message);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            // a key of another type than the certificate's fails here
            return false;
        }
    }
}
