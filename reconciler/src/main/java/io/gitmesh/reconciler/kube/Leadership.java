package io.gitmesh.reconciler.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which replica writes (DESIGN.md §2, issue 7): every replica serves xDS from the same deterministic
 * computation, but only the holder of a {@code coordination.k8s.io} Lease runs the writers (CR
 * mirror and prune, status events, bootstrap Secrets, CA store updates). Built on fabric8's leader
 * election. A replica that loses the lease stops its writers at once and stands again for election;
 * {@link #close()} releases the lease, so a stopped leader hands over without waiting for it to
 * expire.
 */
public final class Leadership implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Leadership.class);

    /**
     * @param namespace     where the Lease lives (gitmesh's own namespace)
     * @param identity      this replica, e.g. its pod name; unique among the replicas
     * @param leaseDuration how long a silent leader keeps the lease (the longest hand-over after a crash)
     * @param renewDeadline how long the leader keeps trying to renew before it gives up leading
     * @param retryPeriod   how often candidates try to take the lease and the leader renews it
     */
    public record Settings(String namespace, String leaseName, String identity, Duration leaseDuration,
            Duration renewDeadline, Duration retryPeriod) {
        public Settings {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(leaseName, "leaseName");
            Objects.requireNonNull(identity, "identity");
            if (!(retryPeriod.compareTo(renewDeadline) < 0 && renewDeadline.compareTo(leaseDuration) < 0)) {
                throw new IllegalArgumentException("leader election needs retryPeriod < renewDeadline < leaseDuration,"
                        + " not " + retryPeriod + ", " + renewDeadline + ", " + leaseDuration);
            }
        }

        /** The Lease {@code gitmesh-leader} in {@code namespace}: 15 s lease, 10 s renew deadline, 2 s retry. */
        public static Settings defaults(String namespace, String identity) {
            return new Settings(namespace, "gitmesh-leader", identity, Duration.ofSeconds(15), Duration.ofSeconds(10),
                    Duration.ofSeconds(2));
        }
    }

    private final KubernetesClient client;
    private final Settings settings;
    private final Runnable startLeading;
    private final Runnable stopLeading;
    private final AtomicBoolean leading = new AtomicBoolean();
    private volatile String leader = "";
    private volatile boolean closed;
    private CompletableFuture<?> election;

    /**
     * @param startLeading runs when this replica becomes the leader: start the writers
     * @param stopLeading  runs when it stops being the leader (lost or released): stop them
     */
    public Leadership(KubernetesClient client, Settings settings, Runnable startLeading, Runnable stopLeading) {
        this.client = Objects.requireNonNull(client, "client");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.startLeading = Objects.requireNonNull(startLeading, "startLeading");
        this.stopLeading = Objects.requireNonNull(stopLeading, "stopLeading");
    }

    /** Stands for election; returns at once. */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("leadership already closed");
        }
        election = client.leaderElector().withConfig(new LeaderElectionConfigBuilder()
                .withName("gitmesh")
                .withLock(new LeaseLock(settings.namespace(), settings.leaseName(), settings.identity()))
                .withLeaseDuration(settings.leaseDuration())
                .withRenewDeadline(settings.renewDeadline())
                .withRetryPeriod(settings.retryPeriod())
                .withReleaseOnCancel(true)
                .withLeaderCallbacks(new LeaderCallbacks(this::started, this::stopped, this::observed))
                .build()).build().start();
        election.whenComplete((ignored, failure) -> standAgain(failure));
    }

    /** Whether this replica leads now. */
    public boolean isLeader() {
        return leading.get();
    }

    /** The identity of the current leader as last observed, if any. */
    public Optional<String> leader() {
        return leader.isEmpty() ? Optional.empty() : Optional.of(leader);
    }

    /** Stops standing for election and releases the lease if this replica holds it. */
    @Override
    public synchronized void close() {
        closed = true;
        if (election != null) {
            election.cancel(true);
        }
        stopped();
    }

    private void started() {
        if (leading.compareAndSet(false, true)) {
            LOG.info("leading: {} holds lease {}/{}", settings.identity(), settings.namespace(), settings.leaseName());
            startLeading.run();
        }
    }

    private void stopped() {
        if (leading.compareAndSet(true, false)) {
            LOG.info("no longer leading: {}", settings.identity());
            stopLeading.run();
        }
    }

    private void observed(String identity) {
        leader = identity == null ? "" : identity;
        LOG.info("leader is {}", leader.isEmpty() ? "nobody" : leader);
    }

    private synchronized void standAgain(Throwable failure) {
        stopped();
        if (!closed) {
            LOG.warn("leader election ended{}; standing again", failure == null ? "" : " (" + failure.getMessage() + ")");
            start();
        }
    }
}
