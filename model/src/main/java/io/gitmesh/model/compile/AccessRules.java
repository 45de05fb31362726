package io.gitmesh.model.compile;

import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.toMap;

import io.gitmesh.model.Identity;
import io.gitmesh.schema.PolicySet;
import io.gitmesh.schema.policy.IdentityRef;
import io.gitmesh.schema.policy.PolicyDocument;
import io.gitmesh.schema.policy.TcpRoute;
import io.gitmesh.schema.policy.TrafficTarget;
import io.gitmesh.schema.policy.UdpRoute;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The TrafficTargets of the policy as grants (one per source), by source and by destination. A
 * TrafficTarget applies only in its destination's namespace (OSM's rule: the owner of the
 * destination writes its policy), and only between ServiceAccounts.
 */
final class AccessRules {
    private static final String SERVICE_ACCOUNT = "ServiceAccount";

    /** {@code source} may reach the workloads running as {@code destination}, on what {@code rules} allow. */
    record Grant(Identity source, Identity destination, TargetRules rules) {
    }

    private final Map<Identity, List<Grant>> bySource;
    private final Map<Identity, List<Grant>> byDestination;
    private final Map<TrafficTarget, TargetRules> rulesByTarget = new IdentityHashMap<>();

    AccessRules(PolicySet policy, RouteGroups groups) {
        this(policy, groups, target -> null);
    }

    /**
     * @param known the resolved rules of a TrafficTarget, when they are known still to hold (null: resolve
     *              them against {@code groups} and the policy's routes)
     */
    AccessRules(PolicySet policy, RouteGroups groups, Function<TrafficTarget, TargetRules> known) {
        Map<String, List<Integer>> tcpRoutes = policy.tcpRoutes().stream()
                .collect(toMap(AccessRules::keyOf, TcpRoute::ports, (a, b) -> a));
        Map<String, List<Integer>> udpRoutes = policy.udpRoutes().stream()
                .collect(toMap(AccessRules::keyOf, UdpRoute::ports, (a, b) -> a));
        List<Grant> grants = new ArrayList<>();
        for (TrafficTarget target : policy.trafficTargets()) {
            Optional<Identity> destination = destinationOf(target);
            if (destination.isEmpty()) {
                continue;
            }
            TargetRules rules = known.apply(target);
            if (rules == null) {
                rules = TargetRules.resolve(target, groups, tcpRoutes, udpRoutes);
            }
            rulesByTarget.put(target, rules);
            for (IdentityRef ref : target.sources()) {
                Optional<Identity> source = identityOf(ref);
                if (source.isPresent()) {
                    grants.add(new Grant(source.get(), destination.get(), rules));
                }
            }
        }
        this.bySource = grants.stream().collect(groupingBy(Grant::source));
        this.byDestination = grants.stream().collect(groupingBy(Grant::destination));
    }

    /** The rules this TrafficTarget (the very document) was resolved to; null for another document. */
    TargetRules rulesOf(TrafficTarget target) {
        return rulesByTarget.get(target);
    }

    List<Grant> from(Identity source) {
        return bySource.getOrDefault(source, List.of());
    }

    List<Grant> to(Identity destination) {
        return byDestination.getOrDefault(destination, List.of());
    }

    /** The identity a TrafficTarget admits to, if it applies (in its destination's namespace). */
    static Optional<Identity> destinationOf(TrafficTarget target) {
        return identityOf(target.destination()).filter(d -> d.namespace().equals(target.meta().namespace()));
    }

    static Optional<Identity> identityOf(IdentityRef ref) {
        if (!ref.kind().equals(SERVICE_ACCOUNT) || ref.name().isEmpty() || ref.namespace().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Identity(ref.namespace(), ref.name()));
    }

    private static String keyOf(PolicyDocument document) {
        return document.meta().namespace() + "/" + document.meta().name();
    }
}
