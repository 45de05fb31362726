package io.gitmesh.reconciler.kube;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs an action once a burst of signals is over: {@code quiet} after the last signal, but never
 * later than {@code maxDelay} after the first signal of the burst (so a cluster that never settles
 * still converges). Signals that arrive while the action runs open the next burst. The action runs on
 * the given single-threaded scheduler, so runs never overlap.
 */
public final class Debouncer {
    private final long quietNanos;
    private final long maxDelayNanos;
    private final ScheduledExecutorService scheduler;
    private final Runnable action;

    private long burstStart;
    private boolean burstOpen;
    private long generation;

    /** @param scheduler a single-threaded scheduler the action runs on */
    public Debouncer(Duration quiet, Duration maxDelay, ScheduledExecutorService scheduler, Runnable action) {
        if (quiet.isNegative() || maxDelay.compareTo(quiet) < 0) {
            throw new IllegalArgumentException("debounce needs 0 <= quiet <= maxDelay, not quiet=" + quiet
                    + " maxDelay=" + maxDelay);
        }
        this.quietNanos = quiet.toNanos();
        this.maxDelayNanos = maxDelay.toNanos();
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.action = Objects.requireNonNull(action, "action");
    }

    /** Something changed: (re)schedules the action. */
    public synchronized void signal() {
        long now = System.nanoTime();
        if (!burstOpen) {
            burstOpen = true;
            burstStart = now;
        }
        long fireAt = Math.min(now + quietNanos, burstStart + maxDelayNanos);
        long expected = ++generation;
        scheduler.schedule(() -> fire(expected), Math.max(0, fireAt - now), TimeUnit.NANOSECONDS);
    }

    private void fire(long expected) {
        synchronized (this) {
            if (expected != generation) {
                return; // a later signal scheduled its own run
            }
            burstOpen = false;
        }
        action.run();
    }
}
