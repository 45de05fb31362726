package io.gitmesh.xds.override;

import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The Envoy resources generated for one workload that overrides may patch: listeners, clusters and
 * route configurations, each list in its served order, names unique within a list. (Endpoints and
 * secrets are not patched.)
 */
public record EnvoyResources(List<Listener> listeners, List<Cluster> clusters,
        List<RouteConfiguration> routeConfigurations) {
    public EnvoyResources {
        listeners = List.copyOf(listeners);
        clusters = List.copyOf(clusters);
        routeConfigurations = List.copyOf(routeConfigurations);
        requireUniqueNames(listeners, Listener::getName, "listener");
        requireUniqueNames(clusters, Cluster::getName, "cluster");
        requireUniqueNames(routeConfigurations, RouteConfiguration::getName, "route configuration");
    }

    private static <T> void requireUniqueNames(List<T> resources, Function<T, String> name, String what) {
        Set<String> seen = new HashSet<>();
        for (T resource : resources) {
            if (!seen.add(name.apply(resource))) {
                throw new IllegalArgumentException("two " + what + "s named \"" + name.apply(resource) + "\"");
            }
        }
    }
}
