package io.gitmesh.model;

import java.util.List;

/**
 * Where the traffic to one Service port goes. Routes are tried in order and the first that matches
 * wins: first the routes of header-based splits (HTTP ports only), last the route for every request
 * (the split's backends, or the service itself).
 */
public record Routing(List<TrafficRoute> routes) {
    public Routing {
        routes = List.copyOf(routes);
        if (routes.isEmpty() || !routes.getLast().matchesEveryRequest()) {
            throw new IllegalArgumentException("the last route must match every request");
        }
        if (routes.subList(0, routes.size() - 1).stream().anyMatch(TrafficRoute::matchesEveryRequest)) {
            throw new IllegalArgumentException("only the last route may match every request");
        }
    }

    /** All traffic to the service port itself. */
    public static Routing direct(ServiceRef service, int port, List<Identity> identities) {
        return new Routing(List.of(new TrafficRoute(List.of(),
                List.of(new WeightedBackend(service, port, 100, identities)))));
    }

    /** The route for requests no earlier route matches. */
    public TrafficRoute defaultRoute() {
        return routes.getLast();
    }

    /** Every backend of every route, the ones with 0 % included. */
    public List<WeightedBackend> backends() {
        return routes.stream().flatMap(r -> r.backends().stream()).toList();
    }
}
