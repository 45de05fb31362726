package io.gitmesh.xds.translate;

import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.gitmesh.xds.ProxyConfig;
import io.gitmesh.xds.ResourceInterner;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Collects the resources of one translation. Listeners and route configurations are built once each;
 * a cluster and its load assignment may be reached from several ports and are kept once.
 */
final class ResourceCollector {
    private final List<Listener> listeners = new ArrayList<>();
    private final List<RouteConfiguration> routes = new ArrayList<>();
    private final SortedMap<String, Cluster> clusters = new TreeMap<>();
    private final SortedMap<String, ClusterLoadAssignment> endpoints = new TreeMap<>();

    void listener(Listener listener) {
        listeners.add(listener);
    }

    void route(RouteConfiguration route) {
        routes.add(route);
    }

    /** Adds the cluster unless one of its name is there: equal names are built from equal input. */
    void cluster(Cluster cluster) {
        clusters.putIfAbsent(cluster.getName(), cluster);
    }

    /** Adds the load assignment unless one of its name is there. */
    void endpoints(ClusterLoadAssignment assignment) {
        endpoints.putIfAbsent(assignment.getClusterName(), assignment);
    }

    /** The config of everything collected, interned when {@code interner} is given (may be null). */
    ProxyConfig build(ResourceInterner interner) {
        return ProxyConfig.builder()
                .listeners(listeners)
                .routes(routes)
                .clusters(clusters.values())
                .endpoints(endpoints.values())
                .build(interner);
    }
}
