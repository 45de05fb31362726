package io.gitmesh.ca.rotation;

import io.gitmesh.ca.Fingerprint;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Replacing a trust domain's root without breaking a connection, as explicit stages:
 * <ol>
 *   <li>{@link Stage#TRUSTING_NEW_ROOT}: the new root joins every trust bundle; the old root still signs.</li>
 *   <li>{@link Stage#ISSUING_FROM_NEW_ROOT}: the new root signs; the old one stays in the bundles.</li>
 *   <li>the old root is dropped, and the rotation is {@link Stage#SETTLED} on the new root.</li>
 * </ol>
 * A stage is left only when a fact says it is safe ({@link #advance}), never after a fixed time: stage 2
 * starts once every proxy holds a bundle with the new root, so any peer can verify a new certificate;
 * stage 3 once no live certificate chains to the old root, so dropping it breaks nothing. (OSM moved on
 * after five minutes per stage, whether or not the proxies had caught up.)
 *
 * @param stage    where the rotation is
 * @param oldRoot  the root in place when the rotation began; when settled, the only root
 * @param newRoot  the root being rolled in; empty when settled
 */
public record RootRotation(Stage stage, Fingerprint oldRoot, Optional<Fingerprint> newRoot) {
    public enum Stage {
        /** One root signs and is the whole bundle. */
        SETTLED("settled"),
        /** Stage 1: every bundle holds both roots; the old root signs. */
        TRUSTING_NEW_ROOT("trusting-new-root"),
        /** Stage 2: every bundle holds both roots; the new root signs. */
        ISSUING_FROM_NEW_ROOT("issuing-from-new-root");

        private final String label;

        Stage(String label) {
            this.label = label;
        }

        /** The stage's name where machines read it (stores, {@code /status}), e.g. {@code trusting-new-root}. */
        public String label() {
            return label;
        }

        public static Optional<Stage> ofLabel(String label) {
            return Arrays.stream(values()).filter(stage -> stage.label.equals(label)).findFirst();
        }
    }

    /** The outcome of {@link #advance}: the next stage, or the reason to stay. */
    public sealed interface Step {
        RootRotation rotation();
    }

    public record Advanced(RootRotation rotation) implements Step {
    }

    public record Waiting(RootRotation rotation, String reason) implements Step {
    }

    public RootRotation {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(oldRoot, "oldRoot");
        Objects.requireNonNull(newRoot, "newRoot");
        if ((stage == Stage.SETTLED) != newRoot.isEmpty()) {
            throw new IllegalArgumentException("a new root is present exactly while a rotation is in progress");
        }
        if (newRoot.filter(oldRoot::equals).isPresent()) {
            throw new IllegalArgumentException("a root cannot replace itself: " + oldRoot);
        }
    }

    public static RootRotation settled(Fingerprint root) {
        return new RootRotation(Stage.SETTLED, root, Optional.empty());
    }

    /** Stage 1 with {@code replacement} as the new root. */
    public RootRotation begin(Fingerprint replacement) {
        if (stage != Stage.SETTLED) {
            throw new IllegalStateException("a root rotation is already in progress: " + describe());
        }
        return new RootRotation(Stage.TRUSTING_NEW_ROOT, oldRoot, Optional.of(replacement));
    }

    /** The next stage if {@code facts} allow it. */
    public Step advance(RotationFacts facts) {
        return switch (stage) {
            case SETTLED -> new Waiting(this, "no root rotation is in progress");
            case TRUSTING_NEW_ROOT -> facts.proxiesWithoutNewRoot() == 0
                    ? new Advanced(new RootRotation(Stage.ISSUING_FROM_NEW_ROOT, oldRoot, newRoot))
                    : new Waiting(this, facts.proxiesWithoutNewRoot() + " proxies have not yet acknowledged a trust"
                            + " bundle with the new root " + newRoot.orElseThrow().shortForm());
            case ISSUING_FROM_NEW_ROOT -> facts.liveCertificatesOfOldRoot() == 0
                    ? new Advanced(settled(newRoot.orElseThrow()))
                    : new Waiting(this, facts.liveCertificatesOfOldRoot() + " live certificates still chain to the"
                            + " old root " + oldRoot.shortForm() + " (they are renewed from the new root as they come"
                            + " due, or expire)");
        };
    }

    /** The root that signs new certificates in this stage. */
    public Fingerprint signingRoot() {
        return stage == Stage.ISSUING_FROM_NEW_ROOT ? newRoot.orElseThrow() : oldRoot;
    }

    /** The roots every trust bundle holds in this stage, the old one first. */
    public List<Fingerprint> bundle() {
        return newRoot.map(root -> List.of(oldRoot, root)).orElse(List.of(oldRoot));
    }

    /** One line for status pages and logs. */
    public String describe() {
        return switch (stage) {
            case SETTLED -> "settled on root " + oldRoot.shortForm();
            case TRUSTING_NEW_ROOT -> "stage 1 of 3: bundles trust the new root " + newRoot.orElseThrow().shortForm()
                    + "; the old root " + oldRoot.shortForm() + " still signs";
            case ISSUING_FROM_NEW_ROOT -> "stage 2 of 3: the new root " + newRoot.orElseThrow().shortForm()
                    + " signs; bundles keep the old root " + oldRoot.shortForm() + " until nothing chains to it";
        };
    }
}
