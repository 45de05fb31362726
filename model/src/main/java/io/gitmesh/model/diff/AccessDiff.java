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
 * {@code *} on every port to any identity and revokes from identities only what no longer exists,
 * and turning it off revokes those grants and grants identities only what {@code *} did not allow.
 */
record AccessDiff(List<ResourceChange> resources, List<AccessEntry> granted, List<AccessEntry> revoked) {
    static final String KIND = "Access";

    /** What a source may send to one port, and the routes that opens. */
    private record Grant(Permission permission, List<String> routes) {
        static Grant of(Permission permission, Protocol protocol) {
            return new Grant(permission, RouteNames.of(permission, protocol));
        }
    }

    /** The changes of the ports one source may reach, given what any identity may reach on each side. */
    private record SourceChange(AccessSource source, SortedMap<PortRef, Grant> before,
            SortedMap<PortRef, Grant> after, SortedMap<PortRef, Grant> anyBefore, SortedMap<PortRef, Grant> anyAfter) {
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
        List<ResourceChange> resources = new ArrayList<>();
        List<AccessEntry> granted = new ArrayList<>();
        List<AccessEntry> revoked = new ArrayList<>();
        for (SourceChange change : sources) {
            TreeSet<PortRef> ports = new TreeSet<>(change.before().keySet());
            ports.addAll(change.after().keySet());
            for (PortRef port : ports) {
                Optional<Grant> old = Optional.ofNullable(change.before().get(port));
                Optional<Grant> now = Optional.ofNullable(change.after().get(port));
                Change.between(old, now)
                        .ifPresent(c -> resources.add(ResourceChange.of(KIND, change.source() + " -> " + port, c)));
                List<String> oldRoutes = routes(old);
                List<String> newRoutes = routes(now);
                List<String> heldBefore = union(oldRoutes, change.anyBefore().get(port));
                List<String> heldAfter = union(newRoutes, change.anyAfter().get(port));
                newRoutes.stream().filter(r -> !RouteNames.covers(heldBefore, r))
                        .forEach(r -> granted.add(new AccessEntry(change.source(), port, r)));
                oldRoutes.stream().filter(r -> !RouteNames.covers(heldAfter, r))
                        .forEach(r -> revoked.add(new AccessEntry(change.source(), port, r)));
            }
        }
        return new AccessDiff(List.copyOf(resources), List.copyOf(granted), List.copyOf(revoked));
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
                grants.putIfAbsent(PortRef.of(port.service(), port.port()), Grant.of(port.permission(), port.protocol()));
            }
        }
        return grants;
    }

    private static List<String> routes(Optional<Grant> grant) {
        return grant.map(Grant::routes).orElse(List.of());
    }

    private static List<String> union(List<String> routes, Grant more) {
        return more == null ? routes : Stream.concat(routes.stream(), more.routes().stream()).toList();
    }
}
