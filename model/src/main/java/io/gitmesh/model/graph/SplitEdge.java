package io.gitmesh.model.graph;

import io.gitmesh.model.Values;
import io.gitmesh.model.diff.PortRef;
import java.util.Objects;

/**
 * A split route sends a share of a service port's traffic to a backend's port.
 *
 * @param route  as {@link io.gitmesh.model.diff.RouteNames#of(io.gitmesh.model.TrafficRoute)} writes it
 * @param before the share in percent before the change; in the graph of one mesh, equal to {@code after}
 * @param after  the share in percent
 */
public record SplitEdge(PortRef service, String route, PortRef backend, int before, int after, EdgeChange change) {
    public SplitEdge {
        Objects.requireNonNull(service, "service");
        Values.requireText(route, "route");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(change, "change");
        boolean moved = change == EdgeChange.MOVED;
        if (!moved && change != EdgeChange.UNCHANGED || moved == (before == after)) {
            throw new IllegalArgumentException("a split edge is unchanged (before = after) or moved, not "
                    + change + " " + before + " -> " + after);
        }
    }
}
