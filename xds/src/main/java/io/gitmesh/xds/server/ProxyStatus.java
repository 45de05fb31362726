package io.gitmesh.xds.server;

import io.envoyproxy.controlplane.cache.Resources.ResourceType;
import io.gitmesh.xds.SnapshotGroup;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One connected xDS stream: the proxy's node id, the group the stream was pinned to, and per resource
 * type what was sent, accepted and rejected.
 *
 * @param streamId    unique within this server
 * @param nodeId      the node id from the stream's first request
 * @param group       the group the stream was pinned to on its first request
 * @param connectedAt when the first request arrived
 * @param types       per type; a type appears once a response of it was sent
 */
public record ProxyStatus(long streamId, String nodeId, SnapshotGroup group, Instant connectedAt,
        Map<ResourceType, TypeStatus> types) {
    public ProxyStatus {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(connectedAt, "connectedAt");
        types = types.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(types));
    }

    /** The version of {@code type} the proxy last accepted. */
    public Optional<String> ackedVersion(ResourceType type) {
        return Optional.ofNullable(types.get(type)).flatMap(TypeStatus::ackedVersion);
    }

    /** The last rejection of {@code type}, if any. */
    public Optional<Nack> lastNack(ResourceType type) {
        return Optional.ofNullable(types.get(type)).flatMap(TypeStatus::lastNack);
    }
}
