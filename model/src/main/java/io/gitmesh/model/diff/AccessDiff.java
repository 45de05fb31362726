package io.gitmesh.model.diff;

import io.gitmesh.model.Identity;
import io.gitmesh.model.Mesh;
import io.gitmesh.model.MeshPort;
import io.gitmesh.model.MeshService;
import io.gitmesh.model.OutboundPort;
import io.gitmesh.model.Permission;
import io.gitmesh.model.Protocol;
import io.gitmesh.model.TrafficMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * How access changes, as {@code Access} resources (what a source may send to a service port) and
 * the routes granted and revoked.
 *
 * <p>In SMI mode the sources are identities, one by one, as TrafficTargets name them. In permissive
 * mode the mesh opens every port to every request from any identity: that is one source, {@code *},
 * per port, never expanded to every identity (a mesh of thousands of services would list millions of
 * entries). A route is granted when the source may use it now and could not before, revoked in the
 * opposite case: an HTTP match stays usable where every request is allowed ({@code *}), and an
 * identity keeps what {@code *} allows it. So narrowing {@code *} to some matches revokes {@code *}
 * alone, widening some matches to {@code *} grants {@code *} alone, turning permissive mode on grants
 * {@code *} on every port to any identity and revokes from identities only what {@code *} does not
 * cover (on a port that goes at the same time, say), and turning it off revokes those grants and
 * grants identities only what {@code *} did not allow.
 */
record AccessDiff(List<ResourceChange> resources, List<AccessEntry> granted, List<AccessEntry> revoked) {
    static final String KIND = "Access";

    /** What a source may send to one port, and the routes that opens. */
    private record Grant(Permission permission, List<String> routes) {
        static Grant of(Permission permission, Protocol protocol) {
            return new Grant(permission, RouteNames.of(permission, protocol));
        }
    }

    /**
     * What one source may reach on each side, and what any identity may reach there (which the source
     * keeps whatever its own grants say).
     */
    private record SourceChange(AccessSource source, SortedMap<PortRef, Grant> before,
            SortedMap<PortRef, Grant> after, SortedMap<PortRef, Grant> anyBefore, SortedMap<PortRef, Grant> anyAfter) {

        Stream<ResourceChange> resources() {
            TreeSet<PortRef> ports = new TreeSet<>(before.keySet());
            ports.addAll(after.keySet());
            return ports.stream().flatMap(port -> Change.between(Optional.ofNullable(before.get(port)),
                    Optional.ofNullable(after.get(port))).stream()
                    .map(change -> ResourceChange.of(KIND, source + " -> " + port, change)));
        }

        Stream<AccessEntry> granted() {
            return notHeld(after, before, anyBefore);
        }

        Stream<AccessEntry> revoked() {
            return notHeld(before, after, anyAfter);
        }

        /** The routes of {@code side} the source does not hold on the other side, on its own or as any identity. */
        private Stream<AccessEntry> notHeld(SortedMap<PortRef, Grant> side, SortedMap<PortRef, Grant> other,
                SortedMap<PortRef, Grant> anyOther) {
            return side.entrySet().stream().flatMap(entry -> {
                PortRef port = entry.getKey();
                List<String> held = Stream.of(other.get(port), anyOther.get(port)).filter(Objects::nonNull)
                        .flatMap(grant -> grant.routes().stream()).toList();
                return entry.getValue().routes().stream().filter(route -> !RouteNames.covers(held, route))
                        .map(route -> new AccessEntry(source, port, route));
            });
        }
    }

    /** @param identities every identity of either mesh */
    static AccessDiff of(Collection<Identity> identities, Mesh before, Mesh after) {
        SortedMap<PortRef, Grant> anyBefore = toAnyIdentity(before);
        SortedMap<PortRef, Grant> anyAfter = toAnyIdentity(after);
        List<SourceChange> sources = new ArrayList<>();
        sources.add(new SourceChange(AccessSource.ANY_IDENTITY, anyBefore, anyAfter, new TreeMap<>(), new TreeMap<>()));
        for (Identity identity : identities) {
            SortedMap<PortRef, Grant> was = toIdentity(before, identity);
            SortedMap<PortRef, Grant> is = toIdentity(after, identity);
            if (!was.equals(is)) {
                sources.add(new SourceChange(AccessSource.of(identity), was, is, anyBefore, anyAfter));
            }
        }
        return new AccessDiff(sources.stream().flatMap(SourceChange::resources).toList(),
                sources.stream().flatMap(SourceChange::granted).toList(),
                sources.stream().flatMap(SourceChange::revoked).toList());
    }

    /** In permissive mode every port, open to every request; none in SMI mode. */
    private static SortedMap<PortRef, Grant> toAnyIdentity(Mesh mesh) {
        SortedMap<PortRef, Grant> grants = new TreeMap<>();
        if (mesh.mode() == TrafficMode.PERMISSIVE) {
            for (MeshService service : mesh.services().values()) {
                for (MeshPort port : service.ports()) {
                    grants.putIfAbsent(PortRef.of(service.ref(), port), Grant.of(Permission.ALL, port.protocol()));
                }
            }
        }
        return grants;
    }

    /** In SMI mode what TrafficTargets open to the identity; none in permissive mode (see {@link #toAnyIdentity}). */
    private static SortedMap<PortRef, Grant> toIdentity(Mesh mesh, Identity identity) {
        SortedMap<PortRef, Grant> grants = new TreeMap<>();
        if (mesh.mode() == TrafficMode.SMI) {
            for (OutboundPort port : mesh.outbound(identity).ports()) {
                grants.putIfAbsent(PortRef.of(port.service(), port.port()),
                        Grant.of(port.permission(), port.protocol()));
            }
        }
        return grants;
    }
}
