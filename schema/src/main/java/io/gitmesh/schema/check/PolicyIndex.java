package io.gitmesh.schema.check;

import io.gitmesh.schema.PolicySet;
import io.gitmesh.schema.policy.HttpRouteGroup;
import io.gitmesh.schema.policy.PolicyDocument;
import io.gitmesh.schema.policy.RouteKind;
import io.gitmesh.schema.policy.TcpRoute;
import io.gitmesh.schema.policy.UdpRoute;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Route documents by kind, namespace and name, for resolving references. */
final class PolicyIndex {
    private final Map<String, PolicyDocument> routes = new HashMap<>();

    PolicyIndex(PolicySet policies) {
        policies.httpRouteGroups().forEach(this::add);
        policies.tcpRoutes().forEach(this::add);
        policies.udpRoutes().forEach(this::add);
    }

    private void add(PolicyDocument doc) {
        routes.put(doc.kind() + "/" + doc.meta().namespace() + "/" + doc.meta().name(), doc);
    }

    Optional<PolicyDocument> route(RouteKind kind, String namespace, String name) {
        return Optional.ofNullable(routes.get(kind.kind() + "/" + namespace + "/" + name));
    }

    Optional<HttpRouteGroup> httpRouteGroup(String namespace, String name) {
        return route(RouteKind.HTTP_ROUTE_GROUP, namespace, name).map(HttpRouteGroup.class::cast);
    }

    static boolean isL4(PolicyDocument route) {
        return route instanceof TcpRoute || route instanceof UdpRoute;
    }
}
