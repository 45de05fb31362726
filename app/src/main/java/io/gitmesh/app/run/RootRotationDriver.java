package io.gitmesh.app.run;

import io.gitmesh.ca.rotation.CaState;
import io.gitmesh.ca.rotation.RootRotation;
import io.gitmesh.ca.rotation.RootRotation.Stage;
import io.gitmesh.ca.rotation.RotationFacts;
import io.gitmesh.ca.store.CaStore;
import io.gitmesh.ca.store.CaStoreException;
import io.gitmesh.xds.secrets.SigningAuthority;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries a root rotation through its stages inside {@code gitmesh run}. Every {@code interval} it reads
 * the CA store; a stage it has not applied yet goes to every {@link RotationParticipant} (SDS secrets, the
 * xDS server's certificate and trust bundle, the injector webhook, the bootstrap Secrets, the workload files
 * the control plane wrote). It gathers the {@link RotationFacts} from them and tells its {@link RotationPeers}
 * what it applied and observed. Then, if it moves rotations on, it asks them whether the facts of every
 * replica allow the next stage ({@link RootRotation#advance} for a single control plane), and stores the next
 * stage — only if the store still holds the stage it read — and applies it: at most one stage per check.
 * Replicas that do not move rotations on (not the leader, with {@code --cluster kube}) follow the stage they
 * read.
 *
 * <p>A participant that fails to apply a stage is logged and the stage applied again on the next check;
 * nothing moves on until every participant has it.
 */
final class RootRotationDriver implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RootRotationDriver.class);
    private static final RotationFacts NO_FACTS = new RotationFacts(0, 0);
    private static final String NEXT_CHECK = "the facts of this stage are gathered at the next check";
    private static final String FOLLOWING = "another replica (the leader) moves rotations on; this one follows the"
            + " stage it reads from the CA store";

    /**
     * The rotation as this replica applies it.
     *
     * @param rotation  the stage and roots applied
     * @param waiting   why it does not move on yet; empty when settled
     * @param movesOn   whether this replica moves rotations on (false: it follows the leader's)
     */
    record Status(RootRotation rotation, Optional<String> waiting, boolean movesOn) {
        Status {
            Objects.requireNonNull(rotation, "rotation");
            Objects.requireNonNull(waiting, "waiting");
        }
    }

    private final CaStore store;
    private final Function<CaState, SigningAuthority> authorities;
    private final Supplier<List<RotationParticipant>> participants;
    private final RotationPeers peers;
    private final Duration interval;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("root-rotation").daemon().factory());

    /** Guarded by {@code this}. */
    private CaState applied;
    private volatile Status status;

    /**
     * @param applied       the state the participants were built with
     * @param authorities   the authority of a state: its signer, announcing its trust bundle
     * @param participants  who follows the stages now (the bootstrap Secrets only while leading)
     * @param peers         who else carries the rotation, and whether this replica moves it on now
     */
    RootRotationDriver(CaStore store, CaState applied, Function<CaState, SigningAuthority> authorities,
            Supplier<List<RotationParticipant>> participants, RotationPeers peers, Duration interval) {
        this.store = Objects.requireNonNull(store, "store");
        this.applied = Objects.requireNonNull(applied, "applied");
        this.authorities = Objects.requireNonNull(authorities, "authorities");
        this.participants = Objects.requireNonNull(participants, "participants");
        this.peers = Objects.requireNonNull(peers, "peers");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the root rotation check interval must be positive, not " + interval);
        }
        this.interval = interval;
        boolean leading = peers.movesOn();
        this.status = new Status(applied.rotation(), untilChecked(applied.rotation(), leading), leading);
    }

    /** Checks every interval from now on. */
    void start() {
        timer.scheduleWithFixedDelay(() -> {
            try {
                check();
            } catch (RuntimeException e) {
                LOG.error("the root rotation check failed (retried in {}): {}", interval, e.getMessage());
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    Status status() {
        return status;
    }

    /** One check: apply what the store holds, and move it on one stage if the facts allow. */
    synchronized void check() {
        boolean leading = peers.movesOn();
        CaState stored;
        try {
            stored = store.load().orElseThrow(() -> new CaStoreException(store.location() + " holds no CA any more"));
        } catch (CaStoreException e) {
            report(applied.rotation(), Optional.of("cannot read the CA store, retrying: " + e.getMessage()), leading);
            return;
        }
        boolean appliedAll = apply(stored);
        RotationFacts facts = stored.stage() == Stage.SETTLED ? NO_FACTS : facts(stored.rotation());
        tellPeers(stored.rotation(), facts);
        if (!appliedAll) {
            report(applied.rotation(), Optional.of("applying " + stored.rotation().describe() + " failed; retrying"),
                    leading);
            return;
        }
        if (!leading || stored.stage() == Stage.SETTLED) {
            report(stored.rotation(), untilChecked(stored.rotation(), leading), leading);
            return;
        }
        RootRotation.Step step;
        try {
            step = peers.advance(stored.rotation(), facts);
        } catch (CaStoreException e) {
            report(stored.rotation(), Optional.of("cannot read the other replicas' reports, retrying: "
                    + e.getMessage()), true);
            return;
        }
        switch (step) {
            case RootRotation.Waiting waiting -> report(stored.rotation(), Optional.of(waiting.reason()), true);
            case RootRotation.Advanced advanced -> moveOn(stored, stored.movedTo(advanced.rotation()));
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    private void moveOn(CaState stored, CaState next) {
        if (!store.replace(stored.rotation(), next)) {
            report(stored.rotation(), Optional.of("the CA store changed meanwhile; reading it again"), true);
            return;
        }
        LOG.info("root rotation moved on: {}", next.rotation().describe());
        apply(next);
        report(applied.rotation(), untilChecked(applied.rotation(), true), true);
    }

    /** Gives every participant {@code state}'s authority unless it already has it; whether all took it. */
    private boolean apply(CaState state) {
        if (state.rotation().equals(applied.rotation())) {
            return true;
        }
        SigningAuthority authority = authorities.apply(state);
        boolean all = true;
        for (RotationParticipant participant : participants.get()) {
            try {
                participant.use(authority);
            } catch (RuntimeException e) {
                LOG.error("applying the root rotation stage to {} failed (retried on the next check): {}",
                        participant.getClass().getSimpleName(), e.getMessage());
                all = false;
            }
        }
        if (all) {
            applied = state;
            LOG.info("root rotation applied: {}", state.rotation().describe());
        }
        return all;
    }

    /** Tells the peers what this replica applied and observed; a failure is logged, and retried next check. */
    private void tellPeers(RootRotation stored, RotationFacts facts) {
        try {
            peers.report(stored, applied.rotation(), facts);
        } catch (CaStoreException e) {
            LOG.warn("cannot report this replica's root rotation facts (retried on the next check): {}",
                    e.getMessage());
        }
    }

    private RotationFacts facts(RootRotation rotation) {
        int withoutNewRoot = 0;
        int liveOfOldRoot = 0;
        for (RotationParticipant participant : participants.get()) {
            withoutNewRoot += participant.peersWithout(rotation.newRoot().orElseThrow());
            liveOfOldRoot += participant.liveCertificatesOf(rotation.oldRoot());
        }
        return new RotationFacts(withoutNewRoot, liveOfOldRoot);
    }

    /** Why {@code rotation} waits before its facts are gathered: empty when settled. */
    private static Optional<String> untilChecked(RootRotation rotation, boolean leading) {
        return rotation.stage() == Stage.SETTLED ? Optional.empty() : Optional.of(leading ? NEXT_CHECK : FOLLOWING);
    }

    private void report(RootRotation rotation, Optional<String> waiting, boolean leading) {
        Status next = new Status(rotation, waiting, leading);
        if (!next.equals(status)) {
            waiting.ifPresent(reason -> LOG.info("root rotation: {}; waiting: {}", rotation.describe(), reason));
        }
        status = next;
    }
}
