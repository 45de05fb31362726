package io.gitmesh.ca.rotation;

/**
 * What a {@link RootRotation} needs to know about the world to move on, observed by its owner.
 *
 * @param proxiesWithoutNewRoot  connected proxies that have not yet acknowledged a trust bundle holding
 *                               the new root (from the xDS server's ACKs of the bundle secret)
 * @param liveCertificatesOfOldRoot  unexpired certificates still chaining to the old root, e.g.
 *                               {@link RenewalPlan#liveCertificatesOf}
 */
public record RotationFacts(int proxiesWithoutNewRoot, int liveCertificatesOfOldRoot) {
    public RotationFacts {
        if (proxiesWithoutNewRoot < 0 || liveCertificatesOfOldRoot < 0) {
            throw new IllegalArgumentException("counts cannot be negative");
        }
    }
}
