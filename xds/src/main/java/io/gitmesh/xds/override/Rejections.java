package io.gitmesh.xds.override;

import com.google.protobuf.Message;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Why Envoy would reject a resource, as far as gitmesh can tell before sending it: its validation rules
 * ({@link ProtoRules}), and a domain served by two virtual hosts of one route configuration (a route
 * configuration resource, or one inline in a listener).
 */
final class Rejections {
    private Rejections() {
    }

    /** One sentence per problem; empty when none is found. */
    static List<String> of(Message resource) {
        List<String> problems = new ArrayList<>(ProtoRules.check(resource, FieldPath.ROOT).stream()
                .map(Finding::message).toList());
        try {
            for (RouteConfiguration routes : routeConfigurations(resource)) {
                problems.addAll(domainsServedTwice(routes));
            }
        } catch (PatchFailure e) {
            problems.add(e.getMessage());
        }
        return problems;
    }

    private static List<RouteConfiguration> routeConfigurations(Message resource) throws PatchFailure {
        if (resource instanceof RouteConfiguration routes) {
            return List.of(routes);
        }
        if (resource instanceof Listener listener) {
            return ConnectionManagers.of(listener).stream().filter(HttpConnectionManager::hasRouteConfig)
                    .map(HttpConnectionManager::getRouteConfig).toList();
        }
        return List.of();
    }

    private static List<String> domainsServedTwice(RouteConfiguration routes) {
        Map<String, String> hostOfDomain = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (VirtualHost host : routes.getVirtualHostsList()) {
            for (String domain : host.getDomainsList()) {
                String earlier = hostOfDomain.putIfAbsent(domain.toLowerCase(Locale.ROOT), host.getName());
                if (earlier != null) {
                    problems.add("domain \"" + domain + "\" is served by both VirtualHost \"" + earlier
                            + "\" and VirtualHost \"" + host.getName() + "\" of RouteConfiguration \""
                            + routes.getName() + "\"");
                }
            }
        }
        return problems;
    }
}
