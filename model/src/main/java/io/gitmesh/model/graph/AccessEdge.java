package io.gitmesh.model.graph;

import io.gitmesh.model.diff.AccessSource;
import io.gitmesh.model.diff.PortRef;
import java.util.List;
import java.util.Objects;

/**
 * A source may reach a service port, with these routes. The source is an identity, or any identity
 * ({@code *}) in a plan's graph of what permissive mode opens or closes.
 *
 * @param routes as {@link io.gitmesh.model.diff.RouteNames} writes them, sorted; in a plan's graph,
 *               the routes granted (or revoked)
 */
public record AccessEdge(AccessSource source, PortRef destination, List<String> routes, EdgeChange change) {
    public AccessEdge {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        routes = routes.stream().sorted().distinct().toList();
        if (routes.isEmpty()) {
            throw new IllegalArgumentException("an access edge has at least one route");
        }
        Objects.requireNonNull(change, "change");
        if (change == EdgeChange.MOVED) {
            throw new IllegalArgumentException("access is granted or revoked, not moved");
        }
    }
}
