package io.gitmesh.model.compile;

import io.gitmesh.model.Identity;
import io.gitmesh.schema.PolicySet;
import io.gitmesh.schema.policy.IdentityRef;
import io.gitmesh.schema.policy.TrafficTarget;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The TrafficTargets of the policy as grants (one per source), by source and by destination. A
 * TrafficTarget applies only in its destination's namespace (OSM's rule: the owner of the
 * destination writes its policy), and only between ServiceAccounts. Immutable and persistent:
 * {@link #with} works only on the grants of the TrafficTargets that changed.
 */
final class AccessRules {
    private static final String SERVICE_ACCOUNT = "ServiceAccount";

    /**
     * {@code source} may reach the workloads running as {@code destination}, on what {@code rules}
     * allow, as {@code target} (the very document) says. The order of an identity's grants carries
     * no meaning: what they allow is a union.
     */
    record Grant(Identity source, Identity destination, TargetRules rules, TrafficTarget target) {
    }

    private final ListsByKey<Identity, Grant> bySource;
    private final ListsByKey<Identity, Grant> byDestination;

    private AccessRules(ListsByKey<Identity, Grant> bySource, ListsByKey<Identity, Grant> byDestination) {
        this.bySource = bySource;
        this.byDestination = byDestination;
    }

    /** The grants of every TrafficTarget of the policy, their rules resolved against {@code groups}. */
    static AccessRules of(PolicySet policy, RouteGroups groups) {
        return new AccessRules(ListsByKey.empty(), ListsByKey.empty())
                .with(policy, groups, List.of(), policy.trafficTargets());
    }

    /**
     * These grants without those of the {@code leaving} TrafficTargets and with those of the
     * {@code arriving} ones (documents, told apart by instance; one in both has its rules resolved
     * again, as when a route it names changed), resolved against {@code groups} and the routes of
     * {@code policy}.
     */
    AccessRules with(PolicySet policy, RouteGroups groups, Collection<TrafficTarget> leaving,
            Collection<TrafficTarget> arriving) {
        Set<TrafficTarget> gone = Collections.newSetFromMap(new IdentityHashMap<>());
        gone.addAll(leaving);
        ListsByKey<Identity, Grant>.Editor sources = bySource.edit();
        ListsByKey<Identity, Grant>.Editor destinations = byDestination.edit();
        for (TrafficTarget target : gone) {
            destinationOf(target).ifPresent(destination -> {
                without(gone, destinations, destination);
                target.sources().stream().map(AccessRules::identityOf).flatMap(Optional::stream)
                        .forEach(source -> without(gone, sources, source));
            });
        }
        for (TrafficTarget target : arriving) {
            Optional<Identity> destination = destinationOf(target);
            if (destination.isEmpty()) {
                continue;
            }
            TargetRules rules = TargetRules.resolve(target, groups, policy);
            for (IdentityRef ref : target.sources()) {
                identityOf(ref).ifPresent(source -> {
                    Grant grant = new Grant(source, destination.get(), rules, target);
                    sources.list(source).add(grant);
                    destinations.list(destination.get()).add(grant);
                });
            }
        }
        return new AccessRules(sources.done(), destinations.done());
    }

    List<Grant> from(Identity source) {
        return bySource.get(source);
    }

    List<Grant> to(Identity destination) {
        return byDestination.get(destination);
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

    /** Takes the grants of the {@code gone} TrafficTargets out of the identity's list, once. */
    private static void without(Set<TrafficTarget> gone, ListsByKey<Identity, Grant>.Editor grants, Identity identity) {
        if (!grants.touched(identity)) {
            grants.list(identity).removeIf(grant -> gone.contains(grant.target()));
        }
    }
}
