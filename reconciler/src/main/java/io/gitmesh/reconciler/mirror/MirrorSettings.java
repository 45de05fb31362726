package io.gitmesh.reconciler.mirror;

import java.time.Duration;
import java.util.Objects;

/**
 * How the mirror writes and what it does about drift.
 *
 * @param drift          {@code CORRECT}: put a changed, unlabelled or deleted object back; {@code WARN}: report it only
 * @param pruneWhenEmpty whether a revision without any SMI document may prune every object gitmesh owns
 *                       (off: such a prune is refused and reported, as an emptied checkout is more
 *                       likely a mistake than an intent)
 * @param exclusions     fields another controller owns (default: TrafficSplit weights, for Flagger)
 * @param writes         how objects are written
 * @param resync         how often the informers re-deliver every object, which re-checks for drift (0: never)
 */
public record MirrorSettings(DriftMode drift, boolean pruneWhenEmpty, FieldExclusions exclusions, WriteMode writes,
        Duration resync) {
    public static final MirrorSettings DEFAULTS = new MirrorSettings(DriftMode.CORRECT, false,
            FieldExclusions.PROGRESSIVE_DELIVERY, WriteMode.CREATE_AND_PATCH, Duration.ofMinutes(10));

    public enum DriftMode { CORRECT, WARN }

    /**
     * {@code CREATE_AND_PATCH}: POST new objects, JSON-patch changed ones with
     * {@code fieldManager=gitmesh} (fabric8 sends a field manager only with PATCH and apply).
     * {@code SERVER_SIDE_APPLY}: apply every object with {@code fieldManager=gitmesh, force=true}
     * (needs a real API server; fabric8's mock has no server-side apply).
     */
    public enum WriteMode { CREATE_AND_PATCH, SERVER_SIDE_APPLY }

    public MirrorSettings {
        Objects.requireNonNull(drift, "drift");
        Objects.requireNonNull(exclusions, "exclusions");
        Objects.requireNonNull(writes, "writes");
        Objects.requireNonNull(resync, "resync");
    }

    public MirrorSettings withDrift(DriftMode mode) {
        return new MirrorSettings(mode, pruneWhenEmpty, exclusions, writes, resync);
    }

    public MirrorSettings withPruneWhenEmpty(boolean allowed) {
        return new MirrorSettings(drift, allowed, exclusions, writes, resync);
    }

    public MirrorSettings withExclusions(FieldExclusions fields) {
        return new MirrorSettings(drift, pruneWhenEmpty, fields, writes, resync);
    }

    public MirrorSettings withWrites(WriteMode mode) {
        return new MirrorSettings(drift, pruneWhenEmpty, exclusions, mode, resync);
    }
}
