package io.gitmesh.model.graph;

import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.mapping;
import static java.util.stream.Collectors.toList;

import io.gitmesh.model.Identity;
import io.gitmesh.model.Mesh;
import io.gitmesh.model.MeshPort;
import io.gitmesh.model.MeshService;
import io.gitmesh.model.OutboundPort;
import io.gitmesh.model.Routing;
import io.gitmesh.model.TrafficRoute;
import io.gitmesh.model.Values;
import io.gitmesh.model.WeightedBackend;
import io.gitmesh.model.diff.AccessEntry;
import io.gitmesh.model.diff.AccessSource;
import io.gitmesh.model.diff.PortRef;
import io.gitmesh.model.diff.Plan;
import io.gitmesh.model.diff.RouteNames;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.Stream;

/**
 * The mesh as a graph: identities and service ports as nodes; access edges (identity to service port,
 * with routes) and split edges (service port to backend port, with shares). Drawn by {@link Mermaid}
 * and {@link Dot}.
 *
 * @param identities sorted; in a plan's graph, the sources of its access entries, {@code *} (any
 *                   identity) among them when permissive mode is turned on or off
 * @param ports      sorted
 * @param access     by source, destination, change
 * @param splits     by service port, then in the order its routes are tried, then by backend
 */
public record MeshGraph(List<AccessSource> identities, List<PortRef> ports, List<AccessEdge> access,
        List<SplitEdge> splits) {
    private static final Comparator<AccessEdge> ACCESS_ORDER = Comparator.comparing(AccessEdge::source)
            .thenComparing(AccessEdge::destination)
            .thenComparing(AccessEdge::change);

    public MeshGraph {
        identities = Values.sortedSet(identities);
        ports = Values.sortedSet(ports);
        access = access.stream().sorted(ACCESS_ORDER).toList();
        splits = List.copyOf(splits);
    }

    /**
     * Every identity and service port of the mesh, what each identity may reach, and the splits (the
     * ports whose traffic does not all go to the service itself).
     */
    public static MeshGraph of(Mesh mesh) {
        List<PortRef> ports = new ArrayList<>();
        List<SplitEdge> splits = new ArrayList<>();
        for (MeshService service : mesh.services().values()) {
            for (MeshPort port : service.ports()) {
                PortRef ref = PortRef.of(service.ref(), port);
                ports.add(ref);
                if (!port.routing().equals(Routing.direct(service.ref(), port.port(), service.identities()))) {
                    splits.addAll(splitEdges(ref, port.routing()));
                }
            }
        }
        List<AccessEdge> access = mesh.identities().stream()
                .flatMap(id -> mesh.outbound(id).ports().stream().map(p -> accessEdge(id, p)))
                .toList();
        return new MeshGraph(mesh.identities().stream().map(AccessSource::of).toList(), ports, access, splits);
    }

    /** The edges a plan changes: access granted and revoked, weights moved; only the nodes they join. */
    public static MeshGraph ofChanges(Plan plan) {
        List<AccessEdge> access = new ArrayList<>(grouped(plan.granted(), EdgeChange.GRANTED));
        access.addAll(grouped(plan.revoked(), EdgeChange.REVOKED));
        List<SplitEdge> splits = plan.weights().stream()
                .map(w -> new SplitEdge(w.service(), w.route(), w.service().on(w.backend()), w.before(), w.after(),
                        EdgeChange.MOVED))
                .toList();
        List<AccessSource> identities = access.stream().map(AccessEdge::source).toList();
        List<PortRef> ports = Stream.concat(access.stream().map(AccessEdge::destination),
                splits.stream().flatMap(s -> Stream.of(s.service(), s.backend()))).toList();
        return new MeshGraph(identities, ports, access, splits);
    }

    private static AccessEdge accessEdge(Identity source, OutboundPort port) {
        return new AccessEdge(AccessSource.of(source), PortRef.of(port.service(), port.port()),
                RouteNames.of(port.permission(), port.protocol()), EdgeChange.UNCHANGED);
    }

    private static List<SplitEdge> splitEdges(PortRef port, Routing routing) {
        List<SplitEdge> edges = new ArrayList<>();
        for (TrafficRoute route : routing.routes()) {
            for (WeightedBackend backend : route.backends()) {
                edges.add(new SplitEdge(port, RouteNames.of(route), port.on(backend.service()), backend.percent(),
                        backend.percent(), EdgeChange.UNCHANGED));
            }
        }
        return edges;
    }

    /** One edge per source and destination, with the routes of its entries (in their order). */
    private static List<AccessEdge> grouped(List<AccessEntry> entries, EdgeChange change) {
        record Ends(AccessSource source, PortRef destination) {
        }
        return entries.stream()
                .collect(groupingBy(e -> new Ends(e.source(), e.destination()), LinkedHashMap::new,
                        mapping(AccessEntry::route, toList())))
                .entrySet().stream()
                .map(e -> new AccessEdge(e.getKey().source(), e.getKey().destination(), e.getValue(), change))
                .toList();
    }
}
