package io.gitmesh.xds.translate.simulate;

import com.google.re2j.Pattern;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.RouteAction;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.config.route.v3.RouteMatch;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import io.gitmesh.xds.translate.simulate.Outbound.Share;
import java.util.List;
import java.util.Optional;

/** How Envoy and gRPC pick a virtual host and a route: exact domain, else {@code *}; the first route that matches. */
final class HttpRouting {
    private HttpRouting() {
    }

    static Optional<VirtualHost> virtualHost(RouteConfiguration routes, String authority) {
        Optional<VirtualHost> exact = routes.getVirtualHostsList().stream()
                .filter(host -> host.getDomainsList().contains(authority))
                .findFirst();
        return exact.or(() -> routes.getVirtualHostsList().stream()
                .filter(host -> host.getDomainsList().contains("*"))
                .findFirst());
    }

    static Optional<Route> route(VirtualHost host, Request request) {
        return host.getRoutesList().stream().filter(route -> matches(route.getMatch(), request)).findFirst();
    }

    /** The clusters a route action sends to, with their weights (a lone cluster weighs 1). */
    static List<Share> shares(RouteAction action) {
        return switch (action.getClusterSpecifierCase()) {
            case CLUSTER -> List.of(new Share(action.getCluster(), 1));
            case WEIGHTED_CLUSTERS -> action.getWeightedClusters().getClustersList().stream()
                    .map(c -> new Share(c.getName(), c.getWeight().getValue()))
                    .toList();
            default -> throw new UnsupportedOperationException("route action " + action);
        };
    }

    private static boolean matches(RouteMatch match, Request request) {
        String path = request.pathWithoutQuery();
        boolean pathMatches = switch (match.getPathSpecifierCase()) {
            case PREFIX -> path.startsWith(match.getPrefix());
            case PATH -> path.equals(match.getPath());
            case SAFE_REGEX -> Pattern.compile(match.getSafeRegex().getRegex()).matcher(path).matches();
            default -> throw new UnsupportedOperationException("route match " + match);
        };
        return pathMatches && match.getHeadersList().stream().allMatch(header -> Matchers.matches(header, request));
    }
}
