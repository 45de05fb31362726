package io.gitmesh.model;

import io.gitmesh.schema.PolicySet;
import io.gitmesh.schema.policy.HeaderMatch;
import io.gitmesh.schema.policy.HttpMatch;
import io.gitmesh.schema.policy.HttpRouteGroup;
import io.gitmesh.schema.policy.IdentityRef;
import io.gitmesh.schema.policy.MeshConfig;
import io.gitmesh.schema.policy.Meta;
import io.gitmesh.schema.policy.Origin;
import io.gitmesh.schema.policy.PolicyDocument;
import io.gitmesh.schema.policy.RouteKind;
import io.gitmesh.schema.policy.RuleRef;
import io.gitmesh.schema.policy.SplitBackend;
import io.gitmesh.schema.policy.SplitMatch;
import io.gitmesh.schema.policy.TcpRoute;
import io.gitmesh.schema.policy.TrafficSplit;
import io.gitmesh.schema.policy.TrafficTarget;
import io.gitmesh.schema.policy.UdpRoute;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Normalised policy documents for tests, built in code (as the normaliser would produce them). */
public final class PolicyFixtures {
    private PolicyFixtures() {
    }

    public static PolicySet policy(PolicyDocument... documents) {
        return new PolicySet(List.of(documents));
    }

    public static Meta meta(String namespace, String name) {
        return Meta.of(name, namespace, Origin.synthetic("test.yaml", "test/v1"));
    }

    /** A ServiceAccount reference written {@code namespace/name}. */
    public static IdentityRef sa(String namespaceAndName) {
        String[] parts = namespaceAndName.split("/");
        return new IdentityRef("ServiceAccount", parts[1], parts[0], null, "");
    }

    /** A TrafficTarget in its destination's namespace. */
    public static TrafficTarget target(String name, String destination, List<String> sources, RuleRef... rules) {
        IdentityRef dest = sa(destination);
        return new TrafficTarget(meta(dest.namespace(), name), dest,
                sources.stream().map(PolicyFixtures::sa).toList(), List.of(rules));
    }

    public static RuleRef httpRule(String group, String... matches) {
        return new RuleRef(RouteKind.HTTP_ROUTE_GROUP, group, List.of(matches), "");
    }

    public static RuleRef tcpRule(String route) {
        return new RuleRef(RouteKind.TCP_ROUTE, route, List.of(), "");
    }

    public static RuleRef udpRule(String route) {
        return new RuleRef(RouteKind.UDP_ROUTE, route, List.of(), "");
    }

    public static HttpRouteGroup routeGroup(String namespace, String name, HttpMatch... matches) {
        return new HttpRouteGroup(meta(namespace, name), List.of(matches));
    }

    public static HttpMatch match(String name, String pathRegex, String... methods) {
        return new HttpMatch(name, pathRegex, List.of(methods), List.of(), "");
    }

    public static HttpMatch headerMatch(String name, Map<String, String> headers) {
        return new HttpMatch(name, null, List.of(), headers.entrySet().stream()
                .map(e -> new HeaderMatch(e.getKey(), e.getValue(), "")).toList(), "");
    }

    public static TcpRoute tcpRoute(String namespace, String name, Integer... ports) {
        return new TcpRoute(meta(namespace, name), Arrays.asList(ports));
    }

    public static UdpRoute udpRoute(String namespace, String name, Integer... ports) {
        return new UdpRoute(meta(namespace, name), Arrays.asList(ports));
    }

    public static SplitBackend backend(String service, String weight) {
        return new SplitBackend(service, new BigDecimal(weight), "");
    }

    public static TrafficSplit split(String namespace, String name, String root, SplitBackend... backends) {
        return new TrafficSplit(meta(namespace, name), root, root, List.of(backends), List.of());
    }

    /** A v1alpha4 split that applies to the requests matching the HTTPRouteGroups. */
    public static TrafficSplit headerSplit(String namespace, String name, String root, List<String> routeGroups,
            SplitBackend... backends) {
        return new TrafficSplit(meta(namespace, name), root, root, List.of(backends),
                routeGroups.stream().map(g -> new SplitMatch(HttpRouteGroup.KIND, g, "")).toList());
    }

    public static MeshConfig meshConfig(String trustDomain, boolean permissive) {
        MeshConfig defaults = MeshConfig.defaults();
        return new MeshConfig(meta("gitmesh", "mesh"), trustDomain, permissive, defaults.workloadLifetime(),
                defaults.sidecar());
    }
}
