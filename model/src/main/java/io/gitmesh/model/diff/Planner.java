package io.gitmesh.model.diff;

import io.gitmesh.model.Admission;
import io.gitmesh.model.Identity;
import io.gitmesh.model.InboundPort;
import io.gitmesh.model.Mesh;
import io.gitmesh.model.Protocol;
import io.gitmesh.model.TargetPort;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Plans the change from one mesh to another: what a reviewer should see before a commit is merged,
 * and what the control plane will push when it is applied. Pure and deterministic.
 *
 * <h2>Resources</h2>
 * Named {@code Kind name} by what they apply to, and listed in this order (each kind by name):
 * <ul>
 *   <li>{@code MeshConfig trustDomain}, {@code MeshConfig traffic.permissive}: modified when the
 *       trust domain or the traffic mode differ;</li>
 *   <li>{@code Service namespace/name}: modified when its cluster IP or the identities behind it differ;</li>
 *   <li>{@code ServicePort namespace/name:port} ({@code /udp} after a UDP port): modified when its
 *       name, target port, protocol or endpoints differ;</li>
 *   <li>{@code TrafficSplit namespace/name:port}: the routing of a port whose traffic does not all go
 *       to the service itself; modified when a route or a backend's percent differs;</li>
 *   <li>{@code HTTPRouteMatch namespace/group/match}: an HTTPRouteGroup match the mesh applies (it
 *       admits a source or routes a split); modified when its path, methods or headers differ;</li>
 *   <li>{@code Access source -> namespace/name:port}: a source may reach a service port; modified
 *       when what it may send there differs. In SMI mode the source is an identity; in permissive
 *       mode it is {@code *}, any identity, once per port (see {@link AccessSource}).</li>
 * </ul>
 *
 * <h2>Access, weights, workloads</h2>
 * Access entries come from the outbound view of every identity of either mesh in SMI mode, and from
 * every port for any identity ({@code *}) in permissive mode: one entry per route, named as
 * {@link RouteNames} writes it (see {@link AccessDiff} for how the two modes compare). Weights compare each
 * port's routes by name. A workload (identity) is listed when its outbound view differs (what it may
 * reach, those ports' routing and endpoints), when its inbound view differs (the ports it serves, on
 * which target ports, and whom they admit), or when the trust domain changes (its SPIFFE ID changes,
 * and so its certificate).
 */
public final class Planner {
    /** What a served port's inbound config is made of; its routing and endpoints concern the callers. */
    private record Served(PortRef port, String name, Protocol protocol, TargetPort targetPort,
            List<Integer> targetPorts, Admission admission) {
        static Served of(InboundPort port) {
            return new Served(PortRef.of(port.service(), port.port()), port.port().name(), port.port().protocol(),
                    port.port().targetPort(), port.targetPorts(), port.admission());
        }
    }

    public Plan plan(Mesh before, Mesh after) {
        TreeSet<Identity> identities = new TreeSet<>(before.identities());
        identities.addAll(after.identities());
        Predicate<Identity> reachChanges = OutboundPorts.differ(before, after, identities);
        SortedMap<PortRef, List<RouteShares>> routesBefore = RouteShares.of(before);
        SortedMap<PortRef, List<RouteShares>> routesAfter = RouteShares.of(after);

        AccessDiff access = AccessDiff.of(identities, before, after);
        List<ResourceChange> changes = new ArrayList<>(ResourceDiff.of(before, after, routesBefore, routesAfter));
        changes.addAll(access.resources());
        boolean newIdentities = !before.trustDomain().equals(after.trustDomain());
        List<Identity> workloads = identities.stream()
                .filter(id -> newIdentities || reachChanges.test(id) || !served(before, id).equals(served(after, id)))
                .toList();
        return new Plan(changes, access.granted(), access.revoked(), WeightDiff.of(routesBefore, routesAfter),
                workloads);
    }

    private static List<Served> served(Mesh mesh, Identity identity) {
        return mesh.inbound(identity).ports().stream().map(Served::of).toList();
    }
}
