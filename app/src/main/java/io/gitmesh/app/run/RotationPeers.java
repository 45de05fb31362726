package io.gitmesh.app.run;

import io.gitmesh.ca.rotation.ReplicaQuorum;
import io.gitmesh.ca.rotation.ReplicaReport;
import io.gitmesh.ca.rotation.RootRotation;
import io.gitmesh.ca.rotation.RootRotation.Stage;
import io.gitmesh.ca.rotation.RotationFacts;
import io.gitmesh.ca.store.CaStoreException;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Who carries a root rotation besides this control plane ({@link RootRotationDriver}), and so whether it moves
 * the rotation on and on whose facts. Failures to reach the others are {@link CaStoreException}s.
 */
sealed interface RotationPeers {
    /** Whether this control plane moves rotations on now. */
    boolean movesOn();

    /**
     * Tells the others, at every check, what this control plane has applied and its facts.
     *
     * @param stored  what the CA store holds
     * @param facts   this control plane's facts on {@code stored} (none when it is settled)
     */
    void report(RootRotation stored, RootRotation applied, RotationFacts facts);

    /** The next stage of {@code stored} if this control plane's {@code own} facts and the others' allow it. */
    RootRotation.Step advance(RootRotation stored, RotationFacts own);

    /** A single control plane ({@code --ca-dir}): it moves rotations on by its own facts. */
    record Alone() implements RotationPeers {
        @Override
        public boolean movesOn() {
            return true;
        }

        @Override
        public void report(RootRotation stored, RootRotation applied, RotationFacts facts) {
        }

        @Override
        public RootRotation.Step advance(RootRotation stored, RotationFacts own) {
            return stored.advance(own);
        }
    }

    /**
     * Replicas sharing the CA store ({@code --cluster kube}): each reports at every check while a rotation is in
     * progress, and withdraws its report once it is settled; the leader moves a stage on only when every live
     * replica allows it ({@link ReplicaQuorum}).
     */
    final class Replicas implements RotationPeers {
        private final String self;
        private final BooleanSupplier leading;
        private final RotationReports reports;
        private final ReplicaQuorum quorum;
        private final Clock clock;
        /** Guarded by the driver's check: a report may be left from before a restart, so withdraw once. */
        private boolean reported = true;
        private RootRotation seen;
        private Instant seenAt;

        /** @param self  this replica's name, unique among the replicas */
        Replicas(String self, BooleanSupplier leading, RotationReports reports, ReplicaQuorum quorum, Clock clock) {
            this.self = Objects.requireNonNull(self, "self");
            this.leading = Objects.requireNonNull(leading, "leading");
            this.reports = Objects.requireNonNull(reports, "reports");
            this.quorum = Objects.requireNonNull(quorum, "quorum");
            this.clock = Objects.requireNonNull(clock, "clock");
        }

        @Override
        public boolean movesOn() {
            return leading.getAsBoolean();
        }

        @Override
        public void report(RootRotation stored, RootRotation applied, RotationFacts facts) {
            if (stored.stage() != Stage.SETTLED) {
                reports.publish(new ReplicaReport(self, applied, facts, clock.instant()));
                reported = true;
            } else if (reported) {
                reports.withdraw(self);
                reported = false;
            }
        }

        @Override
        public RootRotation.Step advance(RootRotation stored, RotationFacts own) {
            Instant now = clock.instant();
            if (!stored.equals(seen)) {
                seen = stored;
                seenAt = now;
            }
            return quorum.advance(stored, new ReplicaReport(self, stored, own, now), reports.read(), seenAt);
        }
    }
}
