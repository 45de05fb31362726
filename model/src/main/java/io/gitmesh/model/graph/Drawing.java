package io.gitmesh.model.graph;

import io.gitmesh.model.diff.AccessSource;
import io.gitmesh.model.diff.PortRef;
import io.gitmesh.model.diff.RouteNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A graph ready to be written in a drawing language: nodes with short ids ({@code i1}… for
 * identities, {@code p1}… for service ports) and their text, edges with their labels (lines
 * separated by {@code \n}).
 */
record Drawing(List<Node> nodes, List<Edge> edges) {
    record Node(String id, String text, boolean identity) {
    }

    record Edge(String from, String to, String label, boolean split, EdgeChange change) {
    }

    static Drawing of(MeshGraph graph) {
        Map<AccessSource, String> identityIds = new TreeMap<>();
        Map<PortRef, String> portIds = new TreeMap<>();
        List<Node> nodes = new ArrayList<>();
        for (AccessSource identity : graph.identities()) {
            identityIds.put(identity, "i" + (identityIds.size() + 1));
            String text = identity instanceof AccessSource.AnyIdentity ? identity + " (any identity)"
                    : identity.toString();
            nodes.add(new Node(identityIds.get(identity), text, true));
        }
        for (PortRef port : graph.ports()) {
            portIds.put(port, "p" + (portIds.size() + 1));
            nodes.add(new Node(portIds.get(port), port.toString(), false));
        }
        List<Edge> edges = new ArrayList<>();
        for (AccessEdge access : graph.access()) {
            edges.add(new Edge(identityIds.get(access.source()), portIds.get(access.destination()),
                    String.join("\n", access.routes()), false, access.change()));
        }
        for (SplitEdge split : graph.splits()) {
            edges.add(new Edge(portIds.get(split.service()), portIds.get(split.backend()), label(split), true,
                    split.change()));
        }
        return new Drawing(nodes, edges);
    }

    /** {@code 50%}, or {@code 100% → 50%} when it moves; after the route's name unless it takes every request. */
    private static String label(SplitEdge split) {
        String share = split.before() == split.after() ? split.after() + "%"
                : split.before() + "% → " + split.after() + "%";
        return split.route().equals(RouteNames.EVERY_REQUEST) ? share : split.route() + ": " + share;
    }
}
