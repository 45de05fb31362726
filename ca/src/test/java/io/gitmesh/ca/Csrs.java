package io.gitmesh.ca;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** Certificate signing requests as a workload would make them, and broken ones. */
public final class Csrs {
    private Csrs() {
    }

    public static KeyPair ecKeys(String curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(curve));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair rsaKeys(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A CSR for {@code keys}, signed with its own private key (proof of possession). */
    public static CertificateSigningRequest of(KeyPair keys) {
        return signed(keys.getPublic(), keys.getPrivate());
    }

    /** A CSR carrying {@code publicKey} but signed with an unrelated {@code signingKey}. */
    public static CertificateSigningRequest signed(PublicKey publicKey, PrivateKey signingKey) {
        String algorithm = signingKey.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        try {
            byte[] der = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=workload"), publicKey)
                    .build(new JcaContentSignerBuilder(algorithm).build(signingKey))
                    .getEncoded();
            return CertificateSigningRequest.fromDer(der);
        } catch (OperatorCreationException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
