package io.gitmesh.model.diff;

import io.gitmesh.model.Permission;
import io.gitmesh.model.Protocol;
import io.gitmesh.model.RouteMatch;
import io.gitmesh.model.TrafficRoute;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The names of routes in plans and graphs: an HTTP route match is {@code namespace/group/match}
 * (its HTTPRouteGroup, then the match's name); a permission for every request is {@code *} on an
 * HTTP port, {@code tcp} or {@code udp} on an L4 port.
 */
public final class RouteNames {
    /** Every request on an HTTP port; in a split, the route for the requests no other route takes. */
    public static final String EVERY_REQUEST = "*";
    public static final String TCP = "tcp";
    public static final String UDP = "udp";

    private RouteNames() {
    }

    /** {@code namespace/group/match}. */
    public static String of(RouteMatch match) {
        return match.group() + "/" + match.name();
    }

    /** The routes a permission opens on a port of this protocol, sorted and distinct. */
    public static List<String> of(Permission permission, Protocol protocol) {
        return switch (permission) {
            case Permission.All all -> List.of(switch (protocol) {
                case TCP -> TCP;
                case UDP -> UDP;
                case HTTP, HTTP2, GRPC -> EVERY_REQUEST;
            });
            case Permission.Routes routes -> routes.matches().stream().map(RouteNames::of).distinct().sorted().toList();
        };
    }

    /**
     * Whether a source that may use {@code routes} on a port may use {@code route} there: it is one
     * of them, or it is an HTTP match and they include every request.
     */
    public static boolean covers(List<String> routes, String route) {
        return routes.contains(route) || routes.contains(EVERY_REQUEST) && !route.equals(TCP) && !route.equals(UDP);
    }

    /** A split's route: {@code *} for every request, else its matches' names joined by {@code ", "}. */
    public static String of(TrafficRoute route) {
        return route.matchesEveryRequest() ? EVERY_REQUEST
                : route.matches().stream().map(RouteNames::of).distinct().collect(Collectors.joining(", "));
    }
}
