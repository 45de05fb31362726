package io.gitmesh.model.compile;

import io.gitmesh.model.Identity;
import io.gitmesh.model.Inbound;
import io.gitmesh.model.Mesh;
import io.gitmesh.model.MeshService;
import io.gitmesh.model.Outbound;
import io.gitmesh.model.ServiceRef;
import io.gitmesh.model.WeightedBackend;
import io.gitmesh.model.TrafficMode;
import io.gitmesh.model.cluster.ClusterState;
import io.gitmesh.schema.PolicySet;
import io.gitmesh.schema.policy.MeshConfig;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Compiles a revision's policy and the cluster state into a {@link Mesh}. Pure and deterministic:
 * equal inputs give equal meshes, whatever order their documents and objects came in. The policy is
 * expected to have passed validation; a reference to something that does not exist (a route, a
 * Service, a match) is skipped, never an error, and never widens access.
 *
 * <h2>Identities and services</h2>
 * An identity is a ServiceAccount: declared, or used by a workload (its SPIFFE ID uses the trust
 * domain of the effective MeshConfig). A Service is backed by the workloads in its namespace whose
 * pod labels contain its (non-empty) selector, and by the Pods its endpoint slices name; the
 * identities of those workloads are the Service's identities.
 *
 * <h2>Port protocols</h2>
 * UDP by the Service port's protocol; else {@code appProtocol} ({@code http}, {@code http2}/{@code h2c},
 * {@code grpc} are HTTP, HTTP2, GRPC; any other value is opaque TCP); else the port name's prefix
 * ({@code http-*}, {@code http2-*}, {@code grpc-*} likewise; {@code tcp-*}, {@code tls-*},
 * {@code mysql-*}, {@code mongo-*}, {@code redis-*} are TCP); else HTTP, OSM's default. SCTP ports
 * are not part of the mesh. HTTPRouteGroup matches apply to the HTTP family (HTTP, HTTP2, GRPC).
 *
 * <h2>Access in SMI mode (the default): deny unless a TrafficTarget allows</h2>
 * <ul>
 *   <li>A TrafficTarget applies only if it lives in its destination's namespace (as in OSM, whose
 *       webhook rejects the others and whose controller ignores them), between ServiceAccounts.</li>
 *   <li>TrafficTarget(destination D, sources S…, rules) lets each S reach every port of every
 *       Service backed by workloads running as D, as far as the rules allow:
 *       <ul>
 *         <li>TCPRoutes name the TCP ports ({@code matches.ports} empty = every port). A TCP port
 *             is open when one of them names it. A route port names a Service port when it equals
 *             the Service port or the port its pods serve it on (OSM checks the latter).</li>
 *         <li>UDPRoutes do the same for UDP ports.</li>
 *         <li>HTTPRouteGroups name the HTTP requests: the matches a rule lists, or every match of
 *             the group when it lists none. On an HTTP port a TrafficTarget with HTTPRouteGroup
 *             rules allows exactly those requests; if it also has TCPRoutes, only on the ports they
 *             name (the spec's L4+L7 example). A TrafficTarget with TCPRoutes and no HTTPRouteGroup
 *             allows every request on the HTTP ports its TCPRoutes name (an L4 rule).</li>
 *         <li>The {@code destination.port} of TrafficTarget v1alpha1/v1alpha2 further limits it to
 *             that port.</li>
 *       </ul></li>
 *   <li>What several TrafficTargets allow adds up. A source may reach a Service port when one of
 *       the Service's identities admits it there; its outbound view holds the union of what they
 *       admit, and each identity's inbound view holds exactly what it admits.</li>
 * </ul>
 *
 * <h2>TrafficSplit</h2>
 * <ul>
 *   <li>A split routes the traffic of its root Service to backend Services in its namespace. On each
 *       root port, a backend takes part when it exists and has a port with the same number and
 *       transport (the SMI spec); the others are dropped, and the weights of the rest renormalised
 *       (reporting a missing backend, with its file and line, is the checker's job; the mesh keeps
 *       no trace of it).
 *       Relative weights become whole percentages summing to 100 by the largest remainder method in
 *       exact arithmetic (ties favour the backend whose name sorts first); a weight of 0 gets 0 %
 *       and stays in the routing, visible in plans. When no backend is left, or the weights sum to
 *       0, the split does not apply and traffic goes to the root Service itself.</li>
 *   <li>A split with {@code matches} (v1alpha3/v1alpha4, HTTPRouteGroups, all their matches merged)
 *       applies only to the requests that match; the rest go to the root Service itself. Matches
 *       need HTTP, so on TCP and UDP ports such a split does not apply. Several splits of one root:
 *       the ones with matches are tried first, in name order; of those without, the first by name
 *       decides the rest and the others are ignored.</li>
 *   <li>A caller may reach a root port when it may reach the root Service itself or a backend that
 *       gets a share (more than 0 %) of the traffic, with the union of what those allow. As in OSM,
 *       access is granted by the TrafficTargets to the backends' identities: the traffic lands on the
 *       backends' pods, and there their identities admit or refuse it. OSM reaches the same result
 *       only because a root usually selects the backends' pods too (the demo's {@code bookstore}
 *       selects every version); gitmesh also opens a root that selects no pod of its own, since its
 *       traffic goes where the backends' TrafficTargets allow. A split grants no access by itself.</li>
 * </ul>
 *
 * <h2>Permissive mode</h2>
 * MeshConfig {@code traffic.permissive} (OSM: {@code enablePermissiveTrafficPolicyMode}): every
 * identity may reach every port of every Service with every request, and every served port admits
 * every identity. Splits route as above.
 */
public final class MeshCompiler {

    public Mesh compile(PolicySet policy, ClusterState cluster) {
        return compilation(policy, cluster).mesh();
    }

    /** The mesh, kept with what it was compiled from for {@link #compilation(PolicySet, ClusterState, MeshCompilation)}. */
    public MeshCompilation compilation(PolicySet policy, ClusterState cluster) {
        MeshConfig config = policy.effectiveMeshConfig();
        TrafficMode mode = config.permissive() ? TrafficMode.PERMISSIVE : TrafficMode.SMI;
        RouteGroups groups = RouteGroups.of(policy.httpRouteGroups());
        CompiledServices services = CompiledServices.compile(cluster,
                SplitRouting.of(policy.trafficSplits(), groups, cluster));
        AccessRules access = AccessRules.of(policy, groups);
        AccessViews views = new AccessViews(mode, access, services);
        SortedMap<Identity, Outbound> outbound = new TreeMap<>();
        SortedMap<Identity, Inbound> inbound = new TreeMap<>();
        for (Identity identity : cluster.identities()) {
            if (mode == TrafficMode.SMI) {
                outbound.put(identity, views.outbound(identity));
            }
            inbound.put(identity, views.inbound(identity));
        }
        return new MeshCompilation(policy, cluster, groups, access, services, new Mesh(config.trustDomain(), mode,
                cluster.identities(), services.services(), outbound, inbound));
    }

    /**
     * The same mesh as {@link #compilation(PolicySet, ClusterState)} gives, worked out from
     * {@code previous} where the policy changed little, in time that grows with what changed: only
     * the changed HTTPRouteGroups are resolved again, only the grants of changed TrafficTargets (and
     * of those naming a changed route) are replaced, only the Services whose TrafficSplits changed are
     * compiled again, and only the views of the identities a changed TrafficTarget, route or routing
     * touches (see {@link PolicyChanges}); the rest is shared with {@code previous}. With another
     * cluster state (another instance), another trust domain or traffic mode, or in permissive mode,
     * it is a whole compile.
     */
    public MeshCompilation compilation(PolicySet policy, ClusterState cluster, MeshCompilation previous) {
        Optional<PolicyChanges> found = previous.cluster() == cluster
                ? PolicyChanges.between(previous.policy(), policy) : Optional.empty();
        if (found.isEmpty()) {
            return compilation(policy, cluster);
        }
        PolicyChanges changes = found.get();
        RouteGroups groups = previous.groups().with(changes.routes(), policy.httpRouteGroups());
        AccessRules access = previous.access().with(policy, groups, changes.leavingTargets(),
                changes.arrivingTargets());
        Set<ServiceRef> roots = changes.splitRoots();
        CompiledServices services = previous.services().recompile(roots, cluster,
                SplitRouting.of(policy.trafficSplits(), roots, groups, cluster));
        Set<Identity> inboundChanged = new HashSet<>(changes.destinations());
        Set<Identity> outboundChanged = new HashSet<>(changes.sources());
        for (ServiceRef root : roots) {
            inboundChanged.addAll(cluster.backends(root).identities());
            Stream.of(previous.services().service(root), services.service(root))
                    .flatMap(Optional::stream)
                    .flatMap(MeshCompiler::routedTo)
                    .flatMap(service -> cluster.backends(service).identities().stream())
                    .flatMap(destination -> access.to(destination).stream())
                    .forEach(grant -> outboundChanged.add(grant.source()));
        }
        AccessViews views = new AccessViews(TrafficMode.SMI, access, services);
        Mesh before = previous.mesh();
        Mesh mesh = before.with(
                roots.stream().map(services::service).flatMap(Optional::stream).toList(),
                roots.stream().filter(root -> services.service(root).isEmpty()).toList(),
                outboundChanged.stream().filter(before.outboundViews()::containsKey).map(views::outbound).toList(),
                inboundChanged.stream().filter(before.inboundViews()::containsKey).map(views::inbound).toList());
        return new MeshCompilation(policy, cluster, groups, access, services, mesh);
    }

    /** The Service itself and every backend its routing sends traffic to. */
    private static Stream<ServiceRef> routedTo(MeshService service) {
        return Stream.concat(Stream.of(service.ref()), service.ports().stream()
                .flatMap(port -> port.routing().routes().stream())
                .flatMap(route -> route.backends().stream())
                .map(WeightedBackend::service));
    }
}
