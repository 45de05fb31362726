package io.gitmesh.ca.rotation;

import io.gitmesh.ca.CaMaterial;
import io.gitmesh.ca.TrustBundle;
import io.gitmesh.ca.rotation.RootRotation.Stage;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a CA store holds: the CA in place, and while a {@link RootRotation} is in progress the CA rolling
 * in and the stage. The {@link #rotation()} names both by their roots; the material carries the keys.
 *
 * @param current  the CA in place; when settled, the only one
 * @param next     the CA being rolled in; present exactly while a rotation is in progress
 * @param stage    where the rotation is
 */
public record CaState(CaMaterial current, Optional<CaMaterial> next, Stage stage) {
    public CaState {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(next, "next");
        Objects.requireNonNull(stage, "stage");
        next.ifPresent(replacement -> {
            if (!replacement.trustDomain().equals(current.trustDomain())) {
                throw new IllegalArgumentException("the new root is for trust domain " + replacement.trustDomain()
                        + ", the CA in place for " + current.trustDomain() + ": a rotation keeps the trust domain");
            }
        });
        // checks that a new root is present exactly during a rotation, and differs from the old one
        new RootRotation(stage, current.root().fingerprint(), next.map(material -> material.root().fingerprint()));
    }

    public static CaState settled(CaMaterial material) {
        return new CaState(material, Optional.empty(), Stage.SETTLED);
    }

    /** The stage and the roots, without the keys. */
    public RootRotation rotation() {
        return new RootRotation(stage, current.root().fingerprint(), next.map(material -> material.root().fingerprint()));
    }

    /**
     * Stage 1 with {@code replacement} rolling in.
     *
     * @throws IllegalStateException when a rotation is already in progress
     */
    public CaState begin(CaMaterial replacement) {
        rotation().begin(replacement.root().fingerprint());
        return new CaState(current, Optional.of(replacement), Stage.TRUSTING_NEW_ROOT);
    }

    /**
     * This state moved to {@code advanced}, a later stage of its own rotation ({@link RootRotation#advance}):
     * the same material in another stage, or, once settled on the new root, the new material alone.
     */
    public CaState movedTo(RootRotation advanced) {
        RootRotation now = rotation();
        if (advanced.stage() == Stage.SETTLED && next.isPresent()
                && advanced.oldRoot().equals(now.newRoot().orElseThrow())) {
            return settled(next.get());
        }
        if (!advanced.oldRoot().equals(now.oldRoot()) || !advanced.newRoot().equals(now.newRoot())) {
            throw new IllegalArgumentException("not a stage of this rotation: " + advanced.describe() + " (the store"
                    + " holds: " + now.describe() + ")");
        }
        return new CaState(current, next, advanced.stage());
    }

    /** The CA that signs in this stage: the new one in stage 2, else the one in place. */
    public CaMaterial signer() {
        return stage == Stage.ISSUING_FROM_NEW_ROOT ? next.orElseThrow() : current;
    }

    /** The roots every trust bundle holds in this stage, the old one first. */
    public TrustBundle trustBundle() {
        List<X509Certificate> roots = new ArrayList<>();
        roots.add(current.root().certificate());
        next.ifPresent(material -> roots.add(material.root().certificate()));
        return new TrustBundle(current.trustDomain(), roots);
    }
}
