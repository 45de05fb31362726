package io.gitmesh.ca.rotation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Whether a root rotation kept by several replicas may move on: every replica serves its own proxies, so
 * the one that moves rotations on advances only when every live replica has applied the stage and its facts
 * allow it, and so do its own.
 *
 * <p>A replica is live while its last report is fresh: made within {@code allowance} of now. A stale report
 * (a replica that stopped, or cannot reach the store) is ignored: that is the time allowed to a dead replica.
 * A fresh report of another stage or other roots (a replica that has not yet applied the stage) makes the
 * rotation wait. Since only reports tell who is live, a stage is not left before {@code allowance} has passed
 * since it was first seen, so that every live replica has reported on it.
 *
 * @param allowance  how long a report stays fresh, and how long a stage is held at least (several of the
 *                   replicas' check intervals)
 */
public record ReplicaQuorum(Duration allowance) {
    private static final Comparator<ReplicaReport> BY_REPLICA = Comparator.comparing(ReplicaReport::replica);

    public ReplicaQuorum {
        Objects.requireNonNull(allowance, "allowance");
        if (allowance.isNegative() || allowance.isZero()) {
            throw new IllegalArgumentException("the replicas' report allowance must be positive, not " + allowance);
        }
    }

    /**
     * The next stage of {@code stored} if every replica allows it.
     *
     * @param own        this replica's report, made now on {@code stored}
     * @param others     every replica's last report (this replica's own among them is ignored)
     * @param stageSeen  when this replica first saw {@code stored}
     */
    public RootRotation.Step advance(RootRotation stored, ReplicaReport own, List<ReplicaReport> others,
            Instant stageSeen) {
        Instant now = own.reportedAt();
        Instant heldUntil = stageSeen.plus(allowance);
        if (now.isBefore(heldUntil)) {
            return new RootRotation.Waiting(stored, "every replica has until " + heldUntil + " to report on this stage"
                    + " (a replica that has reported nothing by then is taken for stopped)");
        }
        Instant freshSince = now.minus(allowance);
        List<ReplicaReport> live = Stream.concat(Stream.of(own), others.stream()
                        .filter(report -> !report.replica().equals(own.replica()))
                        .filter(report -> !report.reportedAt().isBefore(freshSince)))
                .sorted(BY_REPLICA)
                .toList();
        List<String> reasons = new ArrayList<>();
        int withoutNewRoot = 0;
        int liveOfOldRoot = 0;
        for (ReplicaReport report : live) {
            if (!report.applied().equals(stored)) {
                reasons.add("replica " + report.replica() + " has not applied this stage yet (it has "
                        + report.applied().describe() + ")");
                continue;
            }
            if (stored.advance(report.facts()) instanceof RootRotation.Waiting waiting) {
                reasons.add("replica " + report.replica() + ": " + waiting.reason());
            }
            withoutNewRoot += report.facts().proxiesWithoutNewRoot();
            liveOfOldRoot += report.facts().liveCertificatesOfOldRoot();
        }
        if (!reasons.isEmpty()) {
            return new RootRotation.Waiting(stored, String.join("; ", reasons));
        }
        return stored.advance(new RotationFacts(withoutNewRoot, liveOfOldRoot));
    }
}
