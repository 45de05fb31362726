package io.gitmesh.ca.rotation;

import java.time.Instant;
import java.util.Objects;

/**
 * What one control-plane replica has applied of a root rotation, and its own facts, as it last reported
 * them: the replica that moves rotations on weighs every replica's report before it moves one on
 * ({@link ReplicaQuorum}). A report holds counts and fingerprints, never a key.
 *
 * @param replica     the replica's name (its pod name), unique among the replicas
 * @param applied     the stage and roots it has applied (a replica that has not yet applied the stored stage
 *                    reports the one before)
 * @param facts       what it observes among the proxies and certificates it serves
 * @param reportedAt  when it reported, by its clock
 */
public record ReplicaReport(String replica, RootRotation applied, RotationFacts facts, Instant reportedAt) {
    public ReplicaReport {
        if (replica == null || replica.isBlank()) {
            throw new IllegalArgumentException("a replica report needs the replica's name");
        }
        Objects.requireNonNull(applied, "applied");
        Objects.requireNonNull(facts, "facts");
        Objects.requireNonNull(reportedAt, "reportedAt");
    }
}
