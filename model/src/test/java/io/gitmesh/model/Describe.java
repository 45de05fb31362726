package io.gitmesh.model;

import java.util.Optional;
import java.util.stream.Collectors;

/** Short texts for mesh values, so that table tests read like the rules they check. */
public final class Describe {
    private Describe() {
    }

    /** {@code deny}, {@code all}, or {@code routes[match names]}. */
    public static String permission(Optional<Permission> permission) {
        return permission.map(p -> switch (p) {
            case Permission.All all -> "all";
            case Permission.Routes routes -> routes.matches().stream().map(RouteMatch::name)
                    .collect(Collectors.joining(", ", "routes[", "]"));
        }).orElse("deny");
    }

    /** {@code [match names] -> backend N%, ... | * -> ...}, route by route. */
    public static String routing(Routing routing) {
        return routing.routes().stream().map(Describe::route).collect(Collectors.joining(" | "));
    }

    private static String route(TrafficRoute route) {
        String when = route.matchesEveryRequest() ? "*"
                : route.matches().stream().map(RouteMatch::name).collect(Collectors.joining(", ", "[", "]"));
        return when + " -> " + route.backends().stream()
                .map(b -> b.service().name() + " " + b.percent() + "%")
                .collect(Collectors.joining(", "));
    }
}
