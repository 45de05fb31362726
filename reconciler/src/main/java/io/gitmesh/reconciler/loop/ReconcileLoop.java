package io.gitmesh.reconciler.loop;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link Reconciler} passes on one thread: at start, every poll interval (with jitter, so
 * replicas and repositories do not fetch in step), and whenever {@link #trigger()} is called (the
 * push webhook). Triggers that arrive during a pass are coalesced into one more pass, so the newest
 * revision always wins and a burst of pushes costs at most two passes.
 */
public final class ReconcileLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReconcileLoop.class);

    private final Reconciler reconciler;
    private final Duration interval;
    private final double jitter;
    private final RandomGenerator random;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final Thread worker;
    private boolean pending;
    private boolean clusterChanged;
    private boolean closed;

    /**
     * @param jitter fraction of the interval added or removed at random (0.1 = ±10 %)
     */
    public ReconcileLoop(Reconciler reconciler, Duration interval, double jitter, RandomGenerator random) {
        this.reconciler = Objects.requireNonNull(reconciler, "reconciler");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the poll interval must be positive");
        }
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("jitter must be in [0, 1)");
        }
        this.interval = interval;
        this.jitter = jitter;
        this.random = Objects.requireNonNull(random, "random");
        this.worker = Thread.ofPlatform().name("gitmesh-reconcile").daemon().unstarted(this::run);
    }

    /** Starts the loop; the first pass runs at once. */
    public void start() {
        trigger();
        worker.start();
    }

    /** Asks for a pass as soon as the current one (if any) is done. */
    public void trigger() {
        lock.lock();
        try {
            pending = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Asks for a pass that compiles the last fetched commit with the cluster as it is now, without a
     * fetch (see {@link Reconciler#reconcileClusterChange()}); a full pass asked for meanwhile covers it.
     */
    public void triggerClusterChange() {
        lock.lock();
        try {
            clusterChanged = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            worker.join(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        for (Pass pass = awaitPass(); pass != Pass.NONE; pass = awaitPass()) {
            try {
                if (pass == Pass.CLUSTER_CHANGE) {
                    reconciler.reconcileClusterChange();
                } else {
                    reconciler.reconcile();
                }
            } catch (RuntimeException e) {
                // a bug, not bad input: keep serving, keep polling, say what happened once
                LOG.error("reconcile pass failed unexpectedly: {}", e.toString(), e);
            }
        }
    }

    private enum Pass { FULL, CLUSTER_CHANGE, NONE }

    /** Waits for a trigger or the next poll; {@link Pass#NONE} when closed. */
    private Pass awaitPass() {
        long waitNanos = nextDelay().toNanos();
        lock.lock();
        try {
            while (!pending && !clusterChanged && !closed && waitNanos > 0) {
                waitNanos = wake.awaitNanos(waitNanos);
            }
            if (closed) {
                return Pass.NONE;
            }
            Pass pass = pending || !clusterChanged ? Pass.FULL : Pass.CLUSTER_CHANGE;
            pending = false;
            clusterChanged = false;
            return pass;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Pass.NONE;
        } finally {
            lock.unlock();
        }
    }

    Duration nextDelay() {
        double factor = 1 + jitter * (2 * random.nextDouble() - 1);
        return Duration.ofNanos((long) (interval.toNanos() * factor));
    }

}
