package io.gitmesh.bench.push;

import io.envoyproxy.controlplane.cache.Resources.ResourceType;
import io.gitmesh.xds.SnapshotGroup;
import io.gitmesh.xds.server.ProxyStatus;
import io.gitmesh.xds.server.TypeStatus;
import io.gitmesh.xds.server.XdsServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Waits until every stream of some groups has accepted given versions, by the xDS server's own records
 * ({@link XdsServer#proxies()}, every 20 ms): the ACK times there are taken when each ACK arrives, so
 * how often this looks does not change the figures, only how soon it notices (and the CPU it takes from
 * the server, see {@link #costOfLooking}).
 */
final class Acks {
    private static final long POLL_MILLIS = 20;

    private Acks() {
    }

    /**
     * @param awaited per group, the version of each type its streams must have accepted
     * @param streams per group, how many streams it has
     * @param since   per stream, the moment its latency counts from, on the server's clock
     * @return per stream, the time from {@code since} to the last of its awaited ACKs
     * @throws IllegalStateException if some stream has not accepted them within {@code limit}
     */
    static Latencies await(XdsServer server, Map<SnapshotGroup, Map<ResourceType, String>> awaited,
            Map<SnapshotGroup, Integer> streams, Function<ProxyStatus, Instant> since, Duration limit) throws InterruptedException {
        long expected = awaited.keySet().stream().mapToLong(group -> streams.getOrDefault(group, 0)).sum();
        // hashed: a sorted map would compare group ids, which SnapshotGroup builds anew on every comparison
        Map<SnapshotGroup, Map<ResourceType, String>> byGroup = new HashMap<>(awaited);
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            List<Duration> latencies = new ArrayList<>();
            for (ProxyStatus proxy : server.proxies()) {
                Map<ResourceType, String> versions = byGroup.get(proxy.group());
                if (versions != null) {
                    accepted(proxy, versions, since.apply(proxy)).ifPresent(latencies::add);
                }
            }
            if (latencies.size() >= expected) {
                return Latencies.of(latencies);
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException(latencies.size() + " of " + expected
                        + " streams accepted the new versions within " + limit);
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /** What one look at every stream's status costs, the mean of {@code times} looks. */
    static Duration costOfLooking(XdsServer server, int times) {
        long start = System.nanoTime();
        for (int i = 0; i < times; i++) {
            server.proxies();
        }
        return Duration.ofNanos((System.nanoTime() - start) / times);
    }

    /** From {@code since} to the last ACK of the versions, if the proxy has accepted every one of them. */
    private static Optional<Duration> accepted(ProxyStatus proxy, Map<ResourceType, String> versions, Instant since) {
        Duration last = Duration.ZERO;
        for (Map.Entry<ResourceType, String> version : versions.entrySet()) {
            TypeStatus status = proxy.types().get(version.getKey());
            if (status == null || !status.ackedVersion().equals(Optional.of(version.getValue()))) {
                return Optional.empty();
            }
            Duration latency = Duration.between(since, status.ackedAt().orElseThrow());
            if (latency.isNegative()) {
                throw new IllegalStateException("stream " + proxy.nodeId() + " accepted " + version.getKey()
                        + " version " + version.getValue() + " before it was published: versions repeat");
            }
            last = latency.compareTo(last) > 0 ? latency : last;
        }
        return Optional.of(last);
    }
}
