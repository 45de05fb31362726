package io.gitmesh.app.demo;

import java.util.Objects;

/**
 * How one call ended: the workload that answered it, {@link #DENIED} (refused by the server's RBAC:
 * {@code PERMISSION_DENIED}) or {@link #FAILED} (any other error).
 *
 * @param nanos when it ended, on {@link System#nanoTime()}'s scale
 */
record CallOutcome(String caller, String outcome, long nanos) {
    static final String DENIED = "denied";
    static final String FAILED = "failed";

    CallOutcome {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(outcome, "outcome");
    }
}
