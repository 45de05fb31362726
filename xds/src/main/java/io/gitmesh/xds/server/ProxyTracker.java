package io.gitmesh.xds.server;

import io.envoyproxy.controlplane.cache.Resources.ResourceType;
import io.envoyproxy.envoy.config.core.v3.Node;
import io.gitmesh.xds.SnapshotGroup;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streams connected to the server, what each proxy accepted and rejected, and the stream-to-group
 * pinning that java-control-plane's cache reads. Metrics: counter {@code gitmesh.xds.nacks} (tag
 * {@code type}) and gauge {@code gitmesh.xds.streams}.
 */
final class ProxyTracker {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyTracker.class);

    private final Clock clock;
    private final Runnable onAnswer;
    private final Map<ResourceType, Counter> nacks = new EnumMap<>(ResourceType.class);
    private final AtomicLong streamIds = new AtomicLong();
    private final ConcurrentMap<Long, TrackedStream> streams = new ConcurrentHashMap<>();
    private final Map<Node, TrackedStream> byPinnedNode = Collections.synchronizedMap(new IdentityHashMap<>());

    /**
     * @param onAnswer run after every ACK or NACK, on the gRPC thread that received it; must be quick
     */
    ProxyTracker(Clock clock, MeterRegistry meters, Runnable onAnswer) {
        this.clock = clock;
        this.onAnswer = onAnswer;
        for (ResourceType type : ResourceType.values()) {
            nacks.put(type, Counter.builder("gitmesh.xds.nacks")
                    .description("xDS responses a proxy rejected")
                    .tag("type", typeName(type))
                    .register(meters));
        }
        meters.gaugeMapSize("gitmesh.xds.streams", List.of(), streams);
    }

    /** Starts tracking a stream pinned to {@code node} (this very instance) and {@code group}. */
    TrackedStream register(Node node, SnapshotGroup group) {
        TrackedStream stream = new TrackedStream(streamIds.incrementAndGet(), node, group, clock.instant());
        streams.put(stream.id(), stream);
        byPinnedNode.put(node, stream);
        return stream;
    }

    void unregister(TrackedStream stream) {
        streams.remove(stream.id());
        byPinnedNode.remove(stream.node());
    }

    /**
     * The group of the stream whose pinned node is {@code node}, compared by identity: every request
     * reaching the cache carries its stream's pinned node instance.
     *
     * @throws IllegalStateException if no live stream was pinned to this instance
     */
    SnapshotGroup groupOfPinned(Node node) {
        TrackedStream stream = byPinnedNode.get(node);
        if (stream == null) {
            throw new IllegalStateException("a request reached the cache without a pinned stream: node "
                    + node.getId());
        }
        return stream.group();
    }

    /** Records the ACK or NACK a request carries, if any, and returns it. */
    Optional<TrackedStream.Answer> answered(TrackedStream stream, String responseNonce, Optional<String> error) {
        Optional<TrackedStream.Answer> answer = stream.answer(responseNonce, error, clock.instant());
        answer.ifPresent(answered -> {
            answered.error().ifPresent(message -> {
                nacks.get(answered.type()).increment();
                LOG.info("nack stream={} node={} group={} type={} version={} error={}", stream.id(),
                        stream.node().getId(), stream.group(), typeName(answered.type()), answered.version(), message);
            });
            onAnswer.run();
        });
        return answer;
    }

    /** Whether every stream of {@code group} has answered the given version of each given type. */
    boolean hasAnswered(SnapshotGroup group, Map<ResourceType, String> versions) {
        return streams.values().stream()
                .filter(stream -> stream.group().equals(group))
                .allMatch(stream -> versions.entrySet().stream()
                        .allMatch(version -> stream.hasAnswered(version.getKey(), version.getValue())));
    }

    /** The connected streams, by node id, then stream id. */
    List<ProxyStatus> proxies() {
        return streams.values().stream()
                .map(TrackedStream::status)
                .sorted(Comparator.comparing(ProxyStatus::nodeId).thenComparingLong(ProxyStatus::streamId))
                .toList();
    }

    static String typeName(ResourceType type) {
        return type.name().toLowerCase();
    }
}
