package io.gitmesh.xds;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import io.envoyproxy.controlplane.cache.Resources.ResourceType;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.listener.v3.Filter;
import io.envoyproxy.envoy.config.listener.v3.FilterChain;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds dangling RDS and EDS references in a {@link ProxyConfig}. Unlike java-control-plane's
 * {@code Snapshot.ensureConsistent()}, it reads the HTTP connection manager of API listeners
 * (proxyless gRPC) and of default filter chains, recognises it by its type rather than by filter name,
 * reports every problem instead of the first, and allows resources nobody references (the
 * make-before-break step keeps some on purpose).
 */
final class References {
    /**
     * How the type URL of an HTTP connection manager ends, whatever its prefix: what {@code Any.is} checks,
     * without looking the type up by reflection on every call.
     */
    private static final String CONNECTION_MANAGER = "/" + HttpConnectionManager.getDescriptor().getFullName();

    private References() {
    }

    static List<String> missing(ProxyConfig config) {
        List<String> problems = new ArrayList<>();
        Set<String> routes = config.resources(ResourceType.ROUTE).resources().keySet();
        for (Listener listener : config.listeners()) {
            for (Any any : connectionManagers(listener).toList()) {
                try {
                    HttpConnectionManager manager = any.unpack(HttpConnectionManager.class);
                    String route = manager.hasRds() ? manager.getRds().getRouteConfigName() : "";
                    if (!route.isEmpty() && !routes.contains(route)) {
                        problems.add("listener \"" + listener.getName() + "\" uses route configuration \""
                                + route + "\", which the config lacks");
                    }
                } catch (InvalidProtocolBufferException e) {
                    problems.add("listener \"" + listener.getName()
                            + "\" has an HTTP connection manager that does not parse: " + e.getMessage());
                }
            }
        }
        Set<String> endpoints = config.resources(ResourceType.ENDPOINT).resources().keySet();
        for (Cluster cluster : config.clusters()) {
            if (cluster.getType() == Cluster.DiscoveryType.EDS) {
                String serviceName = cluster.getEdsClusterConfig().getServiceName();
                String assignment = serviceName.isEmpty() ? cluster.getName() : serviceName;
                if (!endpoints.contains(assignment)) {
                    problems.add("cluster \"" + cluster.getName() + "\" uses endpoints \"" + assignment
                            + "\", which the config lacks");
                }
            }
        }
        return problems.stream().sorted().toList();
    }

    private static Stream<Any> connectionManagers(Listener listener) {
        Stream<Any> apiListener = listener.hasApiListener()
                ? Stream.of(listener.getApiListener().getApiListener())
                : Stream.empty();
        Stream<FilterChain> chains = Stream.concat(listener.getFilterChainsList().stream(),
                listener.hasDefaultFilterChain() ? Stream.of(listener.getDefaultFilterChain()) : Stream.empty());
        Stream<Any> chainFilters = chains.flatMap(chain -> chain.getFiltersList().stream())
                .filter(Filter::hasTypedConfig)
                .map(Filter::getTypedConfig);
        return Stream.concat(apiListener, chainFilters).filter(any -> any.getTypeUrl().endsWith(CONNECTION_MANAGER));
    }
}
