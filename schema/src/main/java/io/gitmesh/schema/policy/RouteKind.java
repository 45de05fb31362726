package io.gitmesh.schema.policy;

import java.util.Optional;

/** The route kinds a TrafficTarget rule may name. */
public enum RouteKind {
    HTTP_ROUTE_GROUP("HTTPRouteGroup"),
    TCP_ROUTE("TCPRoute"),
    UDP_ROUTE("UDPRoute");

    private final String kind;

    RouteKind(String kind) {
        this.kind = kind;
    }

    public String kind() {
        return kind;
    }

    public static Optional<RouteKind> fromKind(String kind) {
        for (RouteKind k : values()) {
            if (k.kind.equals(kind)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
