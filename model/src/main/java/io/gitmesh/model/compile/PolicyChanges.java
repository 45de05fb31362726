package io.gitmesh.model.compile;

import io.gitmesh.model.Identity;
import io.gitmesh.model.ServiceRef;
import io.gitmesh.schema.PolicySet;
import io.gitmesh.schema.ResourceKey;
import io.gitmesh.schema.policy.EnvoyOverride;
import io.gitmesh.schema.policy.HttpRouteGroup;
import io.gitmesh.schema.policy.MeshConfig;
import io.gitmesh.schema.policy.PolicyDocument;
import io.gitmesh.schema.policy.TcpRoute;
import io.gitmesh.schema.policy.TrafficSplit;
import io.gitmesh.schema.policy.TrafficTarget;
import io.gitmesh.schema.policy.UdpRoute;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a change of policy touches in the mesh, for compiling it from the mesh before
 * ({@link MeshCompiler#compilation(PolicySet, io.gitmesh.model.cluster.ClusterState, MeshCompilation)}).
 * A document counts as changed when it was added, removed, or is another instance (a file parsed
 * again: perhaps equal, counted anyway, which only costs time). A changed route counts as a change of
 * every TrafficTarget and TrafficSplit that names it, before or after.
 *
 * @param splitRoots   the root Services of changed TrafficSplits: their routing is compiled again
 * @param sources      the sources of changed TrafficTargets: what they may reach is worked out again
 * @param destinations the destinations of changed TrafficTargets: whom they admit is worked out again
 * @param routes       the changed routes (HTTPRouteGroups, TCPRoutes, UDPRoutes)
 */
record PolicyChanges(Set<ServiceRef> splitRoots, Set<Identity> sources, Set<Identity> destinations,
        Set<ResourceKey> routes) {

    /**
     * The changes from {@code before} to {@code after}; empty when the mesh must be compiled whole: the
     * trust domain or the traffic mode changed, or the mode is permissive.
     */
    static Optional<PolicyChanges> between(PolicySet before, PolicySet after) {
        MeshConfig was = before.effectiveMeshConfig();
        MeshConfig is = after.effectiveMeshConfig();
        if (is.permissive() || was.permissive() || !was.trustDomain().equals(is.trustDomain())) {
            return Optional.empty();
        }
        PolicyChanges changes = new PolicyChanges(new HashSet<>(), new HashSet<>(), new HashSet<>(), new HashSet<>());
        Set<ResourceKey> routes = changes.routes();
        for (PolicyDocument document : changedDocuments(before.documents(), after.documents())) {
            switch (document) {
                case TrafficSplit split -> changes.addRoot(split);
                case TrafficTarget target -> changes.addTarget(target);
                case HttpRouteGroup group -> routes.add(group.key());
                case TcpRoute route -> routes.add(route.key());
                case UdpRoute route -> routes.add(route.key());
                case MeshConfig config -> { } // only its trust domain and mode reach the mesh: compared above
                case EnvoyOverride override -> { } // applied by the xDS translation, not part of the mesh
            }
        }
        if (!routes.isEmpty()) {
            // a rule or match names a route of its own namespace: look only in the changed routes' namespaces
            Set<String> namespaces = new HashSet<>();
            routes.forEach(route -> namespaces.add(route.namespace()));
            for (PolicySet policy : List.of(before, after)) {
                for (TrafficTarget target : policy.trafficTargets()) {
                    if (namespaces.contains(target.meta().namespace()) && namesAny(target, routes)) {
                        changes.addTarget(target);
                    }
                }
                for (TrafficSplit split : policy.trafficSplits()) {
                    if (namespaces.contains(split.meta().namespace()) && namesAny(split, routes)) {
                        changes.addRoot(split);
                    }
                }
            }
        }
        return Optional.of(changes);
    }

    /**
     * The documents in one list and not the other, or another instance under the same key; both lists
     * are sorted by key ({@link PolicySet}), so one walk finds them, working keys out only where they differ.
     */
    private static List<PolicyDocument> changedDocuments(List<PolicyDocument> before, List<PolicyDocument> after) {
        List<PolicyDocument> changed = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < before.size() && j < after.size()) {
            PolicyDocument was = before.get(i);
            PolicyDocument is = after.get(j);
            if (was == is) {
                i++;
                j++;
                continue;
            }
            int order = was.key().compareTo(is.key());
            if (order <= 0) {
                changed.add(was);
                i++;
            }
            if (order >= 0) {
                changed.add(is);
                j++;
            }
        }
        changed.addAll(before.subList(i, before.size()));
        changed.addAll(after.subList(j, after.size()));
        return changed;
    }

    private void addRoot(TrafficSplit split) {
        if (!split.serviceName().isEmpty()) {
            splitRoots.add(new ServiceRef(split.meta().namespace(), split.serviceName()));
        }
    }

    private void addTarget(TrafficTarget target) {
        target.sources().stream().map(AccessRules::identityOf).flatMap(Optional::stream).forEach(sources::add);
        AccessRules.destinationOf(target).ifPresent(destinations::add);
    }

    /** Whether the TrafficTarget names a changed route (its rules must be resolved again). */
    boolean namesChangedRoute(TrafficTarget target) {
        return !routes.isEmpty() && namesAny(target, routes);
    }

    private static boolean namesAny(TrafficTarget target, Set<ResourceKey> routes) {
        String namespace = target.meta().namespace();
        return target.rules().stream()
                .anyMatch(rule -> routes.contains(new ResourceKey(rule.kind().kind(), namespace, rule.name())));
    }

    private static boolean namesAny(TrafficSplit split, Set<ResourceKey> routes) {
        String namespace = split.meta().namespace();
        return split.matches().stream()
                .anyMatch(match -> routes.contains(new ResourceKey(match.kind(), namespace, match.name())));
    }
}
