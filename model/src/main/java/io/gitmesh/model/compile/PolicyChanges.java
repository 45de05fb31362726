package io.gitmesh.model.compile;

import io.gitmesh.model.Identity;
import io.gitmesh.model.ServiceRef;
import io.gitmesh.schema.DocumentChanges;
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
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;

/**
 * What a change of policy touches in the mesh, for compiling it from the mesh before
 * ({@link MeshCompiler#compilation(PolicySet, io.gitmesh.model.cluster.ClusterState, MeshCompilation)}).
 * A document counts as changed when it was added, removed, or is another instance (a file parsed
 * again: perhaps equal, counted anyway, which only costs time). A changed route counts as a change of
 * every TrafficTarget and TrafficSplit that names it, before or after.
 *
 * @param splitRoots      the root Services of changed TrafficSplits: their routing is compiled again
 * @param sources         the sources of changed TrafficTargets: what they may reach is worked out again
 * @param destinations    the destinations of changed TrafficTargets: whom they admit is worked out again
 * @param routes          the changed routes (HTTPRouteGroups, TCPRoutes, UDPRoutes)
 * @param leavingTargets  the changed TrafficTargets of the policy before (instances): their grants go
 * @param arrivingTargets the changed TrafficTargets of the policy after (instances): their grants come,
 *                        resolved again (an instance in both names a changed route)
 */
record PolicyChanges(Set<ServiceRef> splitRoots, Set<Identity> sources, Set<Identity> destinations,
        Set<ResourceKey> routes, Set<TrafficTarget> leavingTargets, Set<TrafficTarget> arrivingTargets) {

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
        PolicyChanges changes = new PolicyChanges(new HashSet<>(), new HashSet<>(), new HashSet<>(), new HashSet<>(),
                instances(), instances());
        DocumentChanges documents = DocumentChanges.between(before.documents(), after.documents());
        documents.removed().forEach(document -> changes.changed(document, true));
        documents.added().forEach(document -> changes.changed(document, false));
        Set<ResourceKey> routes = changes.routes();
        if (!routes.isEmpty()) {
            // a rule or match names a route of its own namespace: look only in the changed routes' namespaces
            Set<String> namespaces = new HashSet<>();
            routes.forEach(route -> namespaces.add(route.namespace()));
            for (String namespace : namespaces) {
                changes.addNaming(before, namespace, changes.leavingTargets());
                changes.addNaming(after, namespace, changes.arrivingTargets());
            }
        }
        return Optional.of(changes);
    }

    /** The TrafficTargets and TrafficSplits of the namespace that name a changed route. */
    private void addNaming(PolicySet policy, String namespace, Set<TrafficTarget> side) {
        for (TrafficTarget target : PolicyLookup.inNamespace(policy.trafficTargets(), namespace)) {
            if (namesAny(target, routes)) {
                addTarget(target, side);
            }
        }
        for (TrafficSplit split : PolicyLookup.inNamespace(policy.trafficSplits(), namespace)) {
            if (namesAny(split, routes)) {
                addRoot(split);
            }
        }
    }

    private void changed(PolicyDocument document, boolean wasBefore) {
        switch (document) {
            case TrafficSplit split -> addRoot(split);
            case TrafficTarget target -> addTarget(target, wasBefore ? leavingTargets : arrivingTargets);
            case HttpRouteGroup group -> routes.add(group.key());
            case TcpRoute route -> routes.add(route.key());
            case UdpRoute route -> routes.add(route.key());
            case MeshConfig config -> { } // only its trust domain and mode reach the mesh: compared above
            case EnvoyOverride override -> { } // applied by the xDS translation, not part of the mesh
        }
    }

    private static Set<TrafficTarget> instances() {
        return Collections.newSetFromMap(new IdentityHashMap<>());
    }

    private void addRoot(TrafficSplit split) {
        if (!split.serviceName().isEmpty()) {
            splitRoots.add(new ServiceRef(split.meta().namespace(), split.serviceName()));
        }
    }

    private void addTarget(TrafficTarget target, Set<TrafficTarget> side) {
        side.add(target);
        target.sources().stream().map(AccessRules::identityOf).flatMap(Optional::stream).forEach(sources::add);
        AccessRules.destinationOf(target).ifPresent(destinations::add);
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
