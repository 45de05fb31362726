package io.gitmesh.ca.bc;

import io.gitmesh.ca.CaMaterial;
import io.gitmesh.ca.KeyType;
import io.gitmesh.model.SpiffeId;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Objects;

/**
 * How to create a new CA: its trust domain, its root's key type and lifetime, and whether an intermediate
 * signs the leaves. An RSA root always gets an ECDSA P-256 intermediate, so that no leaf is ever signed
 * with RSA (performance target C1: no RSA in any request path).
 *
 * @param trustDomain           SPIFFE trust domain, e.g. {@code cluster.local}
 * @param rootKeyType           the root's key; leaves and intermediates are always ECDSA P-256
 * @param rootLifetime          default 10 years
 * @param intermediate          whether an intermediate signs the leaves (forced for an RSA root)
 * @param intermediateLifetime  default 1 year; cut to the root's expiry
 */
public record CaSettings(String trustDomain, KeyType rootKeyType, Duration rootLifetime, boolean intermediate,
        Duration intermediateLifetime) {
    public static final Duration DEFAULT_ROOT_LIFETIME = Duration.ofDays(3650);
    public static final Duration DEFAULT_INTERMEDIATE_LIFETIME = Duration.ofDays(365);

    public CaSettings {
        if (!SpiffeId.isValidTrustDomain(trustDomain)) {
            throw new IllegalArgumentException("not a SPIFFE trust domain: \"" + trustDomain
                    + "\" (lowercase letters, digits, '.', '-' and '_', e.g. cluster.local)");
        }
        Objects.requireNonNull(rootKeyType, "rootKeyType");
        requirePositive(rootLifetime, "root lifetime");
        requirePositive(intermediateLifetime, "intermediate lifetime");
        intermediate = intermediate || rootKeyType.isRsa();
    }

    /** An ECDSA P-256 root that signs leaves itself, valid for 10 years. */
    public static CaSettings of(String trustDomain) {
        return new CaSettings(trustDomain, KeyType.EC_P256, DEFAULT_ROOT_LIFETIME, false, DEFAULT_INTERMEDIATE_LIFETIME);
    }

    /**
     * A new CA like {@code existing}, e.g. the new root of a rotation: its trust domain, its root's key type,
     * and an intermediate when it has one; default lifetimes.
     *
     * @throws IllegalArgumentException when the root's key is of a type gitmesh does not generate
     */
    public static CaSettings like(CaMaterial existing) {
        PublicKey key = existing.root().certificate().getPublicKey();
        KeyType keyType = KeyType.of(key).orElseThrow(() -> new IllegalArgumentException("the root's key ("
                + key.getAlgorithm() + ") is none of the types gitmesh generates (ec-p256, rsa-2048, rsa-3072)"));
        return of(existing.trustDomain()).withRootKeyType(keyType).withIntermediate(existing.intermediate().isPresent());
    }

    public CaSettings withRootKeyType(KeyType keyType) {
        return new CaSettings(trustDomain, keyType, rootLifetime, intermediate, intermediateLifetime);
    }

    public CaSettings withIntermediate(boolean withIntermediate) {
        return new CaSettings(trustDomain, rootKeyType, rootLifetime, withIntermediate, intermediateLifetime);
    }

    public CaSettings withRootLifetime(Duration lifetime) {
        return new CaSettings(trustDomain, rootKeyType, lifetime, intermediate, intermediateLifetime);
    }

    private static void requirePositive(Duration duration, String what) {
        Objects.requireNonNull(duration, what);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("the " + what + " must be positive, not " + duration);
        }
    }
}
