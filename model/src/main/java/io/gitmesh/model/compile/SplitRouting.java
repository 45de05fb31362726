package io.gitmesh.model.compile;

import static java.util.stream.Collectors.groupingBy;

import io.gitmesh.model.Identity;
import io.gitmesh.model.Protocol;
import io.gitmesh.model.RouteMatch;
import io.gitmesh.model.Routing;
import io.gitmesh.model.ServiceRef;
import io.gitmesh.model.TrafficRoute;
import io.gitmesh.model.WeightedBackend;
import io.gitmesh.model.cluster.ClusterState;
import io.gitmesh.model.cluster.Service;
import io.gitmesh.model.cluster.ServicePort;
import io.gitmesh.schema.policy.HttpRouteGroup;
import io.gitmesh.schema.policy.SplitBackend;
import io.gitmesh.schema.policy.TrafficSplit;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Where the traffic to each Service port goes, from the TrafficSplits whose root it is (see
 * {@link MeshCompiler} for the rules).
 */
final class SplitRouting {
    /** The routing of a root port, and the backend ports that get a share of its traffic (more than 0 %). */
    record PortRouting(Routing routing, List<PortKey> sharingBackends) {
        PortRouting {
            sharingBackends = List.copyOf(sharingBackends);
        }
    }

    /** A backend port that can take a root port's traffic, with its relative weight. */
    private record Candidate(ServiceRef service, ServicePort port, BigDecimal weight) {
    }

    private final Map<ServiceRef, List<TrafficSplit>> splitsByRoot;
    private final Predicate<ServiceRef> covers;
    private final RouteGroups groups;
    private final ClusterState cluster;

    private SplitRouting(Map<ServiceRef, List<TrafficSplit>> splitsByRoot, Predicate<ServiceRef> covers,
            RouteGroups groups, ClusterState cluster) {
        this.splitsByRoot = splitsByRoot;
        this.covers = covers;
        this.groups = groups;
        this.cluster = cluster;
    }

    /** The routing of every Service. @param splits in resource order (as a {@code PolicySet} keeps them) */
    static SplitRouting of(List<TrafficSplit> splits, RouteGroups groups, ClusterState cluster) {
        return new SplitRouting(splits.stream()
                .filter(s -> !s.serviceName().isEmpty())
                .collect(groupingBy(SplitRouting::rootOf)), root -> true, groups, cluster);
    }

    /**
     * The routing of the {@code roots} only, their splits found by namespace (what a compile of a few
     * changed splits needs, without going through every split).
     *
     * @param splits in resource order (as a {@code PolicySet} keeps them)
     */
    static SplitRouting of(List<TrafficSplit> splits, Set<ServiceRef> roots, RouteGroups groups,
            ClusterState cluster) {
        Map<ServiceRef, List<TrafficSplit>> byRoot = new HashMap<>();
        roots.stream().map(ServiceRef::namespace).distinct()
                .flatMap(namespace -> PolicyLookup.inNamespace(splits, namespace).stream())
                .filter(split -> !split.serviceName().isEmpty() && roots.contains(rootOf(split)))
                .forEach(split -> byRoot.computeIfAbsent(rootOf(split), root -> new ArrayList<>()).add(split));
        return new SplitRouting(byRoot, roots::contains, groups, cluster);
    }

    private static ServiceRef rootOf(TrafficSplit split) {
        return new ServiceRef(split.meta().namespace(), split.serviceName());
    }

    PortRouting routingOf(Service root, ServicePort port, Protocol protocol) {
        if (!covers.test(root.ref())) {
            throw new IllegalArgumentException("no routing worked out for " + root.ref());
        }
        List<TrafficSplit> splits = splitsByRoot.getOrDefault(root.ref(), List.of());
        List<TrafficRoute> routes = new ArrayList<>();
        List<PortKey> sharing = new ArrayList<>();
        if (protocol.isHttp()) {
            for (TrafficSplit split : splits.stream().filter(s -> !s.matches().isEmpty()).toList()) {
                List<RouteMatch> matches = matchesOf(split);
                if (!matches.isEmpty()) {
                    weighted(split, port, matches, sharing).ifPresent(routes::add);
                }
            }
        }
        routes.add(splits.stream()
                .filter(s -> s.matches().isEmpty())
                .findFirst()
                .flatMap(split -> weighted(split, port, List.of(), sharing))
                .orElseGet(() -> Routing.direct(root.ref(), port.port(), identitiesOf(root.ref())).defaultRoute()));
        return new PortRouting(new Routing(routes), sharing.stream().distinct().toList());
    }

    private List<RouteMatch> matchesOf(TrafficSplit split) {
        return split.matches().stream()
                .filter(m -> m.kind().equals(HttpRouteGroup.KIND))
                .flatMap(m -> groups.matches(split.meta().namespace(), m.name(), List.of()).stream())
                .toList();
    }

    /**
     * The split's backends for this root port, as a route for {@code matches}: the backends that
     * exist and have a port with the root port's number and transport, their weights turned into
     * percentages. Empty when no backend is left or their weights sum to 0.
     */
    private Optional<TrafficRoute> weighted(TrafficSplit split, ServicePort rootPort, List<RouteMatch> matches,
            List<PortKey> sharing) {
        Map<ServiceRef, Candidate> candidates = new TreeMap<>();
        for (SplitBackend backend : split.backends()) {
            if (backend.service().isEmpty()) {
                continue;
            }
            ServiceRef ref = new ServiceRef(split.meta().namespace(), backend.service());
            cluster.service(ref)
                    .flatMap(s -> s.ports().stream()
                            .filter(p -> p.port() == rootPort.port() && p.transport() == rootPort.transport())
                            .findFirst())
                    .ifPresent(p -> candidates.merge(ref, new Candidate(ref, p, backend.weight()),
                            (a, b) -> new Candidate(ref, p, a.weight().add(b.weight()))));
        }
        if (candidates.values().stream().map(Candidate::weight).filter(w -> w.signum() > 0).findAny().isEmpty()) {
            return Optional.empty();
        }
        List<Candidate> ordered = List.copyOf(candidates.values());
        List<Integer> percents = Percentages.of(ordered.stream().map(Candidate::weight).toList());
        List<WeightedBackend> backends = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            Candidate c = ordered.get(i);
            backends.add(new WeightedBackend(c.service(), c.port().port(), percents.get(i), identitiesOf(c.service())));
            if (percents.get(i) > 0) {
                sharing.add(new PortKey(c.service(), c.port().name()));
            }
        }
        return Optional.of(new TrafficRoute(matches, backends));
    }

    private List<Identity> identitiesOf(ServiceRef service) {
        return cluster.backends(service).identities();
    }
}
