package io.gitmesh.model.diff;

import io.gitmesh.model.Admission;
import io.gitmesh.model.Endpoint;
import io.gitmesh.model.Identity;
import io.gitmesh.model.Inbound;
import io.gitmesh.model.InboundPort;
import io.gitmesh.model.Mesh;
import io.gitmesh.model.MeshPort;
import io.gitmesh.model.MeshService;
import io.gitmesh.model.Permission;
import io.gitmesh.model.Protocol;
import io.gitmesh.model.RouteMatch;
import io.gitmesh.model.ServiceRef;
import io.gitmesh.model.TargetPort;
import io.gitmesh.model.TrafficRoute;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/** The mesh-level resources that differ between two meshes, but access (see {@link AccessDiff}). */
final class ResourceDiff {
    /** What a plan compares of a Service; its ports are resources of their own. */
    private record ServiceShape(String clusterIp, List<Identity> identities) {
    }

    /** What a plan compares of a Service port; its routing is a resource of its own. */
    private record PortShape(String name, TargetPort targetPort, Protocol protocol, List<Endpoint> endpoints) {
    }

    private ResourceDiff() {
    }

    static List<ResourceChange> of(Mesh before, Mesh after, SortedMap<PortRef, List<RouteShares>> routesBefore,
            SortedMap<PortRef, List<RouteShares>> routesAfter) {
        List<ResourceChange> changes = new ArrayList<>();
        if (!before.trustDomain().equals(after.trustDomain())) {
            changes.add(ResourceChange.of("MeshConfig", "trustDomain", Change.MODIFIED));
        }
        if (before.mode() != after.mode()) {
            changes.add(ResourceChange.of("MeshConfig", "traffic.permissive", Change.MODIFIED));
        }
        changes.addAll(compare("Service", services(before), services(after)));
        changes.addAll(compare("ServicePort", ports(before), ports(after)));
        changes.addAll(compare("TrafficSplit", splits(routesBefore), splits(routesAfter)));
        changes.addAll(compare("HTTPRouteMatch", routeMatches(before), routeMatches(after)));
        return changes;
    }

    /** Added, removed and modified keys, in key order. */
    static <K extends Comparable<? super K>, V> List<ResourceChange> compare(String kind, SortedMap<K, V> before,
            SortedMap<K, V> after) {
        TreeSet<K> keys = new TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        return keys.stream()
                .flatMap(k -> Change.between(Optional.ofNullable(before.get(k)), Optional.ofNullable(after.get(k)))
                        .map(c -> ResourceChange.of(kind, k, c)).stream())
                .toList();
    }

    private static SortedMap<ServiceRef, ServiceShape> services(Mesh mesh) {
        SortedMap<ServiceRef, ServiceShape> services = new TreeMap<>();
        mesh.services().forEach((ref, s) -> services.put(ref, new ServiceShape(s.clusterIp(), s.identities())));
        return services;
    }

    private static SortedMap<PortRef, PortShape> ports(Mesh mesh) {
        SortedMap<PortRef, PortShape> ports = new TreeMap<>();
        for (MeshService service : mesh.services().values()) {
            for (MeshPort p : service.ports()) {
                ports.putIfAbsent(PortRef.of(service.ref(), p),
                        new PortShape(p.name(), p.targetPort(), p.protocol(), p.endpoints()));
            }
        }
        return ports;
    }

    /** The ports where a split applies (their traffic does not all go to the service itself). */
    private static SortedMap<PortRef, List<RouteShares>> splits(SortedMap<PortRef, List<RouteShares>> routes) {
        SortedMap<PortRef, List<RouteShares>> splits = new TreeMap<>(routes);
        splits.entrySet().removeIf(e -> RouteShares.isDirect(e.getKey(), e.getValue()));
        return splits;
    }

    /** The HTTP route matches the mesh applies, by name: those that admit sources and those that route. */
    private static SortedMap<String, SortedSet<RouteMatch>> routeMatches(Mesh mesh) {
        SortedMap<String, SortedSet<RouteMatch>> matches = new TreeMap<>();
        Stream<RouteMatch> admitting = mesh.inboundViews().values().stream()
                .map(Inbound::ports).flatMap(List::stream)
                .map(InboundPort::admission)
                .flatMap(a -> a instanceof Admission.Sources sources ? sources.allowed().values().stream()
                        : Stream.empty())
                .flatMap(p -> p instanceof Permission.Routes routes ? routes.matches().stream() : Stream.empty());
        Stream<RouteMatch> routing = mesh.services().values().stream()
                .flatMap(s -> s.ports().stream())
                .flatMap(p -> p.routing().routes().stream())
                .map(TrafficRoute::matches).flatMap(List::stream);
        Stream.concat(admitting, routing)
                .forEach(m -> matches.computeIfAbsent(RouteNames.of(m), k -> new TreeSet<>()).add(m));
        return matches;
    }
}
