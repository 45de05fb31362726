package io.gitmesh.ca;

import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
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
            case ECPublicKey ec when ec.getParams().getCurve().getField().getFieldSize() == 256 -> Optional.of(EC_P256);
            case RSAPublicKey rsa when rsa.getModulus().bitLength() == 2048 -> Optional.of(RSA_2048);
            case RSAPublicKey rsa when rsa.getModulus().bitLength() == 3072 -> Optional.of(RSA_3072);
            default -> Optional.empty();
        };
    }

    @Override
    public String toString() {
        return label;
    }
}
