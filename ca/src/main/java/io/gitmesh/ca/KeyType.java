package io.gitmesh.ca;

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

    @Override
    public String toString() {
        return label;
    }
}
