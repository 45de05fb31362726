package io.gitmesh.xds.override;

import com.google.protobuf.Message;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.gitmesh.schema.policy.TargetType;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The resources of one workload while its overrides are applied: per resource type, by name, in
 * served order (added resources last). Cheap to copy: the messages are immutable.
 */
final class ResourceSet {
    private final Map<TargetType, LinkedHashMap<String, Message>> byType = new EnumMap<>(TargetType.class);

    private ResourceSet() {
    }

    static ResourceSet of(EnvoyResources resources) {
        ResourceSet set = new ResourceSet();
        resources.listeners().forEach(l -> set.of(TargetType.LISTENER).put(l.getName(), l));
        resources.clusters().forEach(c -> set.of(TargetType.CLUSTER).put(c.getName(), c));
        resources.routeConfigurations().forEach(r -> set.of(TargetType.ROUTE_CONFIGURATION).put(r.getName(), r));
        return set;
    }

    /** The resources of a top-level type (Listener, Cluster, RouteConfiguration), to read and change. */
    LinkedHashMap<String, Message> of(TargetType type) {
        if (type.parentField().isPresent()) {
            throw new IllegalArgumentException(type.word() + " is not an xDS resource");
        }
        return byType.computeIfAbsent(type, t -> new LinkedHashMap<>());
    }

    ResourceSet copy() {
        ResourceSet copy = new ResourceSet();
        byType.forEach((type, resources) -> copy.byType.put(type, new LinkedHashMap<>(resources)));
        return copy;
    }

    EnvoyResources toResources() {
        return new EnvoyResources(all(TargetType.LISTENER, Listener.class), all(TargetType.CLUSTER, Cluster.class),
                all(TargetType.ROUTE_CONFIGURATION, RouteConfiguration.class));
    }

    private <T extends Message> List<T> all(TargetType type, Class<T> messageType) {
        return of(type).values().stream().map(messageType::cast).toList();
    }
}
