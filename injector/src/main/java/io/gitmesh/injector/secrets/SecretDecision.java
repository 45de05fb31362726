package io.gitmesh.injector.secrets;

import io.gitmesh.ca.Fingerprint;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What to do with an injected pod's bootstrap Secret, decided from values: the pod, what the Secret holds now,
 * the time, and when its certificate is due for renewal. Pure; {@link BootstrapSecretController} acts on it.
 */
public final class SecretDecision {
    /** Why a Secret is (re)written. */
    public enum Reason {
        MISSING("the Secret does not exist"),
        OWNED_BY_ANOTHER_POD("the Secret belongs to an earlier pod of the same name"),
        UNREADABLE_CERTIFICATE("the Secret holds no readable certificate that chains to its ca.pem"),
        ROOT_NO_LONGER_TRUSTED("its certificate chains to a root no longer in the trust bundle"),
        EXPIRED("its certificate has expired"),
        RENEWAL_DUE("its certificate is due for renewal"),
        TRUST_BUNDLE_CHANGED("the trust bundle changed"),
        BOOTSTRAP_CHANGED("the bootstrap changed");

        private final String description;

        Reason(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    /** The outcome. */
    public sealed interface Action {
    }

    /** Issue a certificate and write the whole Secret. */
    public record Write(Reason reason) implements Action {
        public Write {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The Secret is as it should be; track its certificate for renewal. */
    public record Keep(StoredSecret.Certificate certificate) implements Action {
        public Keep {
            Objects.requireNonNull(certificate, "certificate");
        }
    }

    /** The pod has finished (phase Succeeded or Failed): its proxy is gone, nothing is renewed any more. */
    public record Leave() implements Action {
    }

    /** A Secret of that name exists but is not gitmesh's: it is never touched. */
    public record Foreign() implements Action {
    }

    /**
     * What the Secret of a live, injected pod should get.
     *
     * @param pod      the pod as it is now
     * @param stored   the Secret as it is now; empty when it does not exist
     * @param renewAt  when the stored certificate is due, once it is tracked; empty when it is not
     */
    public static Action forLivePod(PodFacts pod, Optional<StoredSecret> stored, Instant now,
            Optional<Instant> renewAt) {
        if (pod.finished()) {
            return new Leave();
        }
        if (stored.isEmpty()) {
            return new Write(Reason.MISSING);
        }
        StoredSecret secret = stored.get();
        if (!secret.managed()) {
            return new Foreign();
        }
        if (!secret.ownerUid().equals(Optional.of(pod.uid()))) {
            return new Write(Reason.OWNED_BY_ANOTHER_POD);
        }
        if (secret.certificate().isEmpty()) {
            return new Write(Reason.UNREADABLE_CERTIFICATE);
        }
        StoredSecret.Certificate certificate = secret.certificate().get();
        if (!pod.trustedRoots().contains(certificate.root())) {
            return new Write(Reason.ROOT_NO_LONGER_TRUSTED);
        }
        if (certificate.validity().hasExpiredAt(now)) {
            return new Write(Reason.EXPIRED);
        }
        if (renewAt.filter(at -> !at.isAfter(now)).isPresent()) {
            return new Write(Reason.RENEWAL_DUE);
        }
        if (!secret.trustBundle().equals(Optional.of(pod.trustBundlePem()))) {
            return new Write(Reason.TRUST_BUNDLE_CHANGED);
        }
        if (!secret.bootstrap().equals(Optional.of(pod.bootstrapJson()))) {
            return new Write(Reason.BOOTSTRAP_CHANGED);
        }
        return new Keep(certificate);
    }

    /**
     * Whether to delete the Secret of a pod that is gone: only when it still belongs to that pod, so that a
     * new pod of the same name (a StatefulSet's) keeps its own.
     */
    public static boolean deleteWhenGone(String podUid, Optional<StoredSecret> stored) {
        return stored.filter(StoredSecret::managed).flatMap(StoredSecret::ownerUid).filter(podUid::equals).isPresent();
    }

    /**
     * The pod's side of the decision.
     *
     * @param uid             the pod's uid, which the Secret's ownerReference must name
     * @param finished        phase Succeeded or Failed
     * @param bootstrapJson   the bootstrap the Secret should hold
     * @param trustBundlePem  the trust bundle ({@code ca.pem}) it should hold
     * @param trustedRoots    the roots of that bundle
     */
    public record PodFacts(String uid, boolean finished, String bootstrapJson, String trustBundlePem,
            Set<Fingerprint> trustedRoots) {
        public PodFacts {
            Objects.requireNonNull(uid, "uid");
            Objects.requireNonNull(bootstrapJson, "bootstrapJson");
            Objects.requireNonNull(trustBundlePem, "trustBundlePem");
            trustedRoots = Set.copyOf(trustedRoots);
        }
    }

    private SecretDecision() {
    }
}
