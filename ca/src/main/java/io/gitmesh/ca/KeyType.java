package io.gitmesh.ca;

import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.util.Arrays;
import java.util.Optional;

/**
 * Key types an authority's own key may have. Workloads always get ECDSA P-256 keys; RSA is offered for
 * a root only, where an organisation's policy asks for it (it is generated once, never per request).
 */
public enum KeyType {
    EC_P256("ec-p256"),
    RSA_2048("rsa-2048"),
    RSA_3072("rsa-3072");

    private final String label;

    KeyType(String label) {
        this.label = label;
    }

    /** The name used on the command line, e.g. {@code ec-p256}. */
    public String label() {
        return label;
    }

    public boolean isRsa() {
        return this != EC_P256;
    }

    public static Optional<KeyType> ofLabel(String label) {
        return Arrays.stream(values()).filter(type -> type.label.equals(label)).findFirst();
    }

    /** The type of {@code key}: ECDSA P-256, or RSA of 2048 or 3072 bits; empty for any other key. */
    public static Optional<KeyType> of(PublicKey key) {
        return switch (key) {
            case ECPublicKey ec when isP256(ec.getParams()) -> Optional.of(EC_P256);
            case RSAPublicKey rsa when rsa.getModulus().bitLength() == 2048 -> Optional.of(RSA_2048);
            case RSAPublicKey rsa when rsa.getModulus().bitLength() == 3072 -> Optional.of(RSA_3072);
            default -> Optional.empty();
        };
    }

    private static boolean isP256(ECParameterSpec params) {
        ECParameterSpec p256 = P256.SPEC;
        return params.getCurve().equals(p256.getCurve()) && params.getGenerator().equals(p256.getGenerator())
                && params.getOrder().equals(p256.getOrder()) && params.getCofactor() == p256.getCofactor();
    }

    /** NIST P-256 ({@code secp256r1}), looked up once. */
    private static final class P256 {
        static final ECParameterSpec SPEC = lookUp();

        private static ECParameterSpec lookUp() {
            try {
                AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
                parameters.init(new ECGenParameterSpec("secp256r1"));
                return parameters.getParameterSpec(ECParameterSpec.class);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the JDK knows no curve secp256r1", e);
            }
        }
    }

    @Override
    public String toString() {
        return label;
    }
}
