package io.gitmesh.reconciler.source;

import java.util.Objects;

/**
 * Who signed a verified commit.
 *
 * @param keyId  the signing key's id, 16 uppercase hex digits
 * @param userId the key's primary user id ({@code Name <email>}), empty when the key has none
 */
public record Signer(String keyId, String userId) {
    public Signer {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(userId, "userId");
    }

    @Override
    public String toString() {
        return userId.isEmpty() ? "key " + keyId : "key " + keyId + " (" + userId + ")";
    }
}
