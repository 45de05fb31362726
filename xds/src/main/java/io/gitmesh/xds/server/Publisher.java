package io.gitmesh.xds.server;

import io.envoyproxy.controlplane.cache.Resources.ResourceType;
import io.envoyproxy.controlplane.cache.SnapshotCache;
import io.gitmesh.xds.ContentHash;
import io.gitmesh.xds.ProxyConfig;
import io.gitmesh.xds.SnapshotGroup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies desired states to java-control-plane's cache on one thread of its own.
 *
 * <p><b>Coalescing.</b> {@link #publish} only records the desired state; a newer one replaces a desired
 * state not yet applied, and both callers get the newer one's result. Applying only enqueues
 * responses ({@link FanOut} writes them), so neither the caller nor this thread waits on proxies.
 *
 * <p><b>Changes.</b> A group is touched only when its config's version differs from the last one
 * applied; a config with dangling references is refused and the group keeps what it had; groups absent
 * from the desired state are dropped: the cache forgets them once no stream watches them, and until
 * then their proxies keep the last config (a workload going away keeps working while it drains).
 *
 * <p><b>Make before break.</b> If a change removes routes, clusters, endpoints or secrets, the group is
 * first given {@link ProxyConfig#retaining}: the new listeners with old ∪ new of everything else, so
 * what the new listeners use arrives (java-control-plane sends CDS, EDS, LDS, RDS in that order) while
 * nothing an old listener or route may still use disappears. The exact new config follows once every
 * stream of the group has answered (ACK or NACK) that step's listener and route versions, and so no
 * longer refers to what goes, or after {@code removalTimeout} for a proxy that never answers. Waiting
 * for answers rather than relying on send order alone covers proxies with a response still unacknowledged
 * when the change came, which java-control-plane serves later and out of step. Without removals the new
 * config is served at once.
 */
final class Publisher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Publisher.class);

    private final SnapshotCache<SnapshotGroup, GroupSnapshot> cache;
    private final ProxyTracker tracker;
    private final Duration removalTimeout;
    private final ScheduledExecutorService thread =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("xds-publisher").daemon().factory());
    private final AtomicBoolean removalCheckQueued = new AtomicBoolean();
    private volatile boolean removalsPending;

    /** Guarded by {@code this}. */
    private Pending pending;

    /** The publisher thread's own state: per group what was accepted and what is served, removals to come. */
    private final Map<SnapshotGroup, GroupState> groups = new HashMap<>();
    private final Map<SnapshotGroup, Removal> removals = new HashMap<>();
    private final Set<SnapshotGroup> retired = new HashSet<>();

    /** A desired state waiting for the publisher thread, with everyone waiting for it. */
    private record Pending(Map<SnapshotGroup, ProxyConfig> desired, List<CompletableFuture<PublishResult>> waiting) {
        Pending supersededBy(Map<SnapshotGroup, ProxyConfig> newer, CompletableFuture<PublishResult> future) {
            List<CompletableFuture<PublishResult>> all = new ArrayList<>(waiting);
            all.add(future);
            return new Pending(newer, all);
        }
    }

    /** A group's latest accepted config and what the cache serves: the same, or its make-before-break step. */
    private record GroupState(ProxyConfig target, ProxyConfig served) {
    }

    /** The versions every stream of a group must answer before the removals, and the latest moment to wait. */
    private record Removal(Map<ResourceType, String> awaited, long deadlineNanos) {
    }

    Publisher(SnapshotCache<SnapshotGroup, GroupSnapshot> cache, ProxyTracker tracker, Duration removalTimeout) {
        this.cache = cache;
        this.tracker = tracker;
        this.removalTimeout = removalTimeout;
    }

    /** Schedules the desired state; the future completes once it, or a newer one, is applied. */
    CompletableFuture<PublishResult> publish(Map<SnapshotGroup, ProxyConfig> desired) {
        Map<SnapshotGroup, ProxyConfig> copy = Map.copyOf(desired);
        CompletableFuture<PublishResult> result = new CompletableFuture<>();
        boolean first;
        synchronized (this) {
            first = pending == null;
            pending = first ? new Pending(copy, List.of(result)) : pending.supersededBy(copy, result);
        }
        if (first) {
            try {
                thread.execute(this::applyPending);
            } catch (RejectedExecutionException stopped) {
                result.completeExceptionally(new CancellationException("the xDS server is stopped"));
            }
        }
        return result;
    }

    /** Called after any ACK or NACK: a pending removal may now be due. Cheap when none is pending. */
    void answerArrived() {
        if (removalsPending && removalCheckQueued.compareAndSet(false, true)) {
            try {
                thread.execute(() -> {
                    removalCheckQueued.set(false);
                    completeRemovals();
                });
            } catch (RejectedExecutionException stopped) {
                removalCheckQueued.set(false);
            }
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        synchronized (this) {
            if (pending != null) {
                CancellationException stopped = new CancellationException("the xDS server stopped");
                pending.waiting().forEach(f -> f.completeExceptionally(stopped));
                pending = null;
            }
        }
    }

    private void applyPending() {
        Pending next;
        synchronized (this) {
            next = pending;
            pending = null;
        }
        try {
            PublishResult result = apply(next.desired());
            next.waiting().forEach(f -> f.complete(result));
        } catch (RuntimeException e) {
            next.waiting().forEach(f -> f.completeExceptionally(e));
        }
    }

    private PublishResult apply(Map<SnapshotGroup, ProxyConfig> desired) {
        SortedMap<SnapshotGroup, ProxyConfig> sorted = new TreeMap<>(desired);
        List<SnapshotGroup> changed = new ArrayList<>();
        SortedMap<SnapshotGroup, List<String>> refused = new TreeMap<>();
        sorted.forEach((group, config) -> {
            GroupState state = groups.get(group);
            if (state != null && state.target().equals(config)) {
                return;
            }
            List<String> problems = config.missingReferences();
            if (!problems.isEmpty()) {
                LOG.warn("refused group={} version={} problems={}", group, shortVersion(config.version()), problems);
                refused.put(group, problems);
                return;
            }
            serve(group, state, config);
            retired.remove(group);
            changed.add(group);
        });
        List<SnapshotGroup> dropped = new ArrayList<>();
        for (Iterator<SnapshotGroup> it = groups.keySet().iterator(); it.hasNext(); ) {
            SnapshotGroup group = it.next();
            if (!desired.containsKey(group)) {
                it.remove();
                removals.remove(group);
                retired.add(group);
                dropped.add(group);
            }
        }
        retired.removeIf(cache::clearSnapshot);
        List<String> parts = new ArrayList<>();
        sorted.forEach((group, config) -> {
            parts.add(group.id());
            parts.add(config.version());
        });
        PublishResult result = new PublishResult(ContentHash.ofParts(parts), sorted.size(), changed, dropped, refused);
        LOG.info("published groups={} changed={} dropped={} refused={} version={}", result.groups(),
                changed.size(), dropped.size(), refused.size(), shortVersion(result.version()));
        completeRemovals();
        if (removalsPending) {
            thread.schedule(this::completeRemovals, removalTimeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        return result;
    }

    private void serve(SnapshotGroup group, GroupState state, ProxyConfig config) {
        ProxyConfig step = state == null ? config : config.retaining(state.served());
        if (step.equals(config)) {
            removals.remove(group);
        } else {
            // declared before the step is served, so that no answer to it goes unnoticed
            Map<ResourceType, String> awaited = Map.of(
                    ResourceType.LISTENER, step.version(ResourceType.LISTENER),
                    ResourceType.ROUTE, step.version(ResourceType.ROUTE));
            removals.put(group, new Removal(awaited, System.nanoTime() + removalTimeout.toNanos()));
            removalsPending = true;
        }
        groups.put(group, new GroupState(config, step));
        cache.setSnapshot(group, new GroupSnapshot(step));
    }

    private void completeRemovals() {
        long now = System.nanoTime();
        for (Iterator<Map.Entry<SnapshotGroup, Removal>> it = removals.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<SnapshotGroup, Removal> removal = it.next();
            SnapshotGroup group = removal.getKey();
            boolean answered = tracker.hasAnswered(group, removal.getValue().awaited());
            if (answered || now - removal.getValue().deadlineNanos() >= 0) {
                ProxyConfig target = groups.get(group).target();
                cache.setSnapshot(group, new GroupSnapshot(target));
                groups.put(group, new GroupState(target, target));
                it.remove();
                if (answered) {
                    LOG.info("removed stale resources group={} version={}", group, shortVersion(target.version()));
                } else {
                    LOG.warn("removed stale resources group={} version={} after {} without every proxy answering",
                            group, shortVersion(target.version()), removalTimeout);
                }
            }
        }
        removalsPending = !removals.isEmpty();
    }

    private static String shortVersion(String version) {
        return version.substring(0, 12);
    }
}
