package io.gitmesh.schema.check;

import io.gitmesh.schema.policy.EnvoyOverride;
import io.gitmesh.schema.policy.HttpRouteGroup;
import io.gitmesh.schema.policy.MeshConfig;
import io.gitmesh.schema.policy.PolicyDocument;
import io.gitmesh.schema.policy.RouteKind;
import io.gitmesh.schema.policy.TcpRoute;
import io.gitmesh.schema.policy.TrafficSplit;
import io.gitmesh.schema.policy.TrafficTarget;
import io.gitmesh.schema.policy.UdpRoute;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Route documents by kind, namespace and name, for resolving references; and the other way round,
 * the TrafficTargets and TrafficSplits that name each route, for finding what a changed route
 * concerns. Documents come and go one by one; a key names at most one route (the last one added).
 */
final class PolicyIndex {
    private final Map<String, PolicyDocument> routes = new HashMap<>();
    private final Map<String, Set<PolicyDocument>> referrers = new HashMap<>();

    void add(PolicyDocument document) {
        switch (document) {
            case HttpRouteGroup group -> routes.put(keyOf(group), group);
            case TcpRoute route -> routes.put(keyOf(route), route);
            case UdpRoute route -> routes.put(keyOf(route), route);
            case TrafficTarget target -> routesNamedBy(target).forEach(route -> referrers
                    .computeIfAbsent(route, k -> Collections.newSetFromMap(new IdentityHashMap<>())).add(target));
            case TrafficSplit split -> routesNamedBy(split).forEach(route -> referrers
                    .computeIfAbsent(route, k -> Collections.newSetFromMap(new IdentityHashMap<>())).add(split));
            case MeshConfig config -> { }
            case EnvoyOverride override -> { }
        }
    }

    void remove(PolicyDocument document) {
        switch (document) {
            case HttpRouteGroup group -> routes.remove(keyOf(group), group);
            case TcpRoute route -> routes.remove(keyOf(route), route);
            case UdpRoute route -> routes.remove(keyOf(route), route);
            case TrafficTarget target -> routesNamedBy(target).forEach(route -> forgetReferrer(route, target));
            case TrafficSplit split -> routesNamedBy(split).forEach(route -> forgetReferrer(route, split));
            case MeshConfig config -> { }
            case EnvoyOverride override -> { }
        }
    }

    Optional<PolicyDocument> route(RouteKind kind, String namespace, String name) {
        return Optional.ofNullable(routes.get(key(kind.kind(), namespace, name)));
    }

    Optional<HttpRouteGroup> httpRouteGroup(String namespace, String name) {
        return route(RouteKind.HTTP_ROUTE_GROUP, namespace, name).map(HttpRouteGroup.class::cast);
    }

    /** The TrafficTargets and TrafficSplits that name the route (present or not) with this key. */
    Set<PolicyDocument> referrers(String routeKey) {
        return referrers.getOrDefault(routeKey, Set.of());
    }

    /** The key of a route document, as {@link #referrers} takes it. */
    static String keyOf(PolicyDocument route) {
        return key(route.kind(), route.meta().namespace(), route.meta().name());
    }

    private void forgetReferrer(String route, PolicyDocument referrer) {
        Set<PolicyDocument> naming = referrers.get(route);
        if (naming != null && naming.remove(referrer) && naming.isEmpty()) {
            referrers.remove(route);
        }
    }

    /** The routes a target's rules name, in its namespace (whether the rules can be resolved or not). */
    private static List<String> routesNamedBy(TrafficTarget target) {
        return target.rules().stream().map(rule -> key(rule.kind().kind(), target.meta().namespace(), rule.name()))
                .toList();
    }

    /** The HTTPRouteGroups a split's matches name, in its namespace. */
    private static List<String> routesNamedBy(TrafficSplit split) {
        return split.matches().stream()
                .map(match -> key(RouteKind.HTTP_ROUTE_GROUP.kind(), split.meta().namespace(), match.name()))
                .toList();
    }

    private static String key(String kind, String namespace, String name) {
        return kind + "/" + namespace + "/" + name;
    }
}
