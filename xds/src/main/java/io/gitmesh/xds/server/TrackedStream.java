package io.gitmesh.xds.server;

import io.envoyproxy.controlplane.cache.Resources.ResourceType;
import io.envoyproxy.envoy.config.core.v3.Node;
import io.gitmesh.xds.SnapshotGroup;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * One xDS stream after its first request: the node it was pinned to, its group, and per type the
 * latest response (by nonce) and the proxy's answers. Thread-safe: responses are recorded by the
 * fan-out threads, answers by gRPC's.
 */
final class TrackedStream {
    private final long id;
    private final Node node;
    private final SnapshotGroup group;
    private final Instant connectedAt;
    private final ConcurrentMap<ResourceType, Latest> types = new ConcurrentHashMap<>();

    /** The latest response of a type, by nonce, and where the proxy stands with that type. */
    private record Latest(String nonce, TypeStatus status) {
    }

    /** What a request answered: the type and version of the response it names, and the error if it rejects it. */
    record Answer(ResourceType type, String version, Optional<String> error) {
    }

    TrackedStream(long id, Node node, SnapshotGroup group, Instant connectedAt) {
        this.id = id;
        this.node = node;
        this.group = group;
        this.connectedAt = connectedAt;
    }

    long id() {
        return id;
    }

    /** The node of the stream's first request, the one every later request is given. */
    Node node() {
        return node;
    }

    SnapshotGroup group() {
        return group;
    }

    void sent(ResourceType type, String nonce, String version) {
        types.compute(type, (t, latest) ->
                new Latest(nonce, latest == null ? TypeStatus.sent(version) : latest.status().withSent(version)));
    }

    /**
     * Records the answer a request carries (the nonce of a response, with an error if it rejects it).
     * Empty when the nonce is not the latest response of any type: a first request, or a stale one.
     */
    Optional<Answer> answer(String responseNonce, Optional<String> error, Instant at) {
        if (responseNonce.isEmpty()) {
            return Optional.empty();
        }
        for (Map.Entry<ResourceType, Latest> entry : types.entrySet()) {
            Latest latest = entry.getValue();
            if (latest.nonce().equals(responseNonce)) {
                String version = latest.status().sentVersion();
                TypeStatus answered = error
                        .map(message -> latest.status().withNack(new Nack(version, message, at)))
                        .orElseGet(() -> latest.status().withAck(version, at));
                types.replace(entry.getKey(), latest, new Latest(latest.nonce(), answered));
                return Optional.of(new Answer(entry.getKey(), version, error));
            }
        }
        return Optional.empty();
    }

    /** Whether the proxy has answered {@code version} of {@code type}, or was never sent that type. */
    boolean hasAnswered(ResourceType type, String version) {
        Latest latest = types.get(type);
        return latest == null || latest.status().answered(version);
    }

    ProxyStatus status() {
        Map<ResourceType, TypeStatus> statuses = new EnumMap<>(ResourceType.class);
        types.forEach((type, latest) -> statuses.put(type, latest.status()));
        return new ProxyStatus(id, node.getId(), group, connectedAt, statuses);
    }
}
