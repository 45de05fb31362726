package io.gitmesh.model.compile;

import static io.gitmesh.model.ClusterFixtures.deployment;
import static io.gitmesh.model.ClusterFixtures.id;
import static io.gitmesh.model.ClusterFixtures.port;
import static io.gitmesh.model.ClusterFixtures.service;
import static io.gitmesh.model.ClusterFixtures.svc;
import static io.gitmesh.model.PolicyFixtures.backend;
import static io.gitmesh.model.PolicyFixtures.headerMatch;
import static io.gitmesh.model.PolicyFixtures.headerSplit;
import static io.gitmesh.model.PolicyFixtures.httpRule;
import static io.gitmesh.model.PolicyFixtures.match;
import static io.gitmesh.model.PolicyFixtures.policy;
import static io.gitmesh.model.PolicyFixtures.routeGroup;
import static io.gitmesh.model.PolicyFixtures.split;
import static io.gitmesh.model.PolicyFixtures.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.gitmesh.model.Describe;
import io.gitmesh.model.Mesh;
import io.gitmesh.model.WeightedBackend;
import io.gitmesh.model.cluster.ClusterState;
import io.gitmesh.schema.PolicySet;
import io.gitmesh.schema.policy.HttpRouteGroup;
import io.gitmesh.schema.policy.PolicyDocument;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Where traffic goes under TrafficSplits, and who may reach a split root (see {@link MeshCompiler}). */
class MeshCompilerSplitTest {
    /**
     * Root shop/web (HTTP 80, TCP 9000) selects every version; web-v1 and web-v2 have the same
     * ports; web-v3 only has 8080.
     */
    static final ClusterState CLUSTER = ClusterState.builder()
            .service(service("shop", "web", Map.of("app", "web"), port("http", 80), port("tcp-raw", 9000)))
            .service(service("shop", "web-v1", Map.of("app", "web", "version", "v1"), port("http", 80),
                    port("tcp-raw", 9000)))
            .service(service("shop", "web-v2", Map.of("app", "web", "version", "v2"), port("http", 80),
                    port("tcp-raw", 9000)))
            .service(service("shop", "web-v3", Map.of("app", "web", "version", "v3"), port("http-other", 8080)))
            .workload(deployment("shop", "web-v1", "web-v1", Map.of("app", "web", "version", "v1")))
            .workload(deployment("shop", "web-v2", "web-v2", Map.of("app", "web", "version", "v2")))
            .workload(deployment("shop", "web-v3", "web-v3", Map.of("app", "web", "version", "v3")))
            .workload(deployment("shop", "client", "client", Map.of("app", "client")))
            .build();

    static final HttpRouteGroup CANARY = routeGroup("shop", "canary", headerMatch("canary", Map.of("x-canary", "1")));
    static final HttpRouteGroup BETA = routeGroup("shop", "beta", headerMatch("beta", Map.of("x-beta", "1")));

    static Stream<Arguments> routings() {
        return Stream.of(
                row("no split: the service itself", 80, List.of(), "* -> web 100%"),
                row("canary 90/10", 80, List.of(split("shop", "s", "web", backend("web-v1", "90"),
                        backend("web-v2", "10"))), "* -> web-v1 90%, web-v2 10%"),
                row("weights are relative", 80, List.of(split("shop", "s", "web", backend("web-v1", "1000"),
                        backend("web-v2", "500"))), "* -> web-v1 67%, web-v2 33%"),
                row("a zero weight stays, with 0 %", 80, List.of(split("shop", "s", "web",
                        backend("web-v2", "0"), backend("web-v1", "100"))), "* -> web-v1 100%, web-v2 0%"),
                row("a missing backend is dropped, the rest renormalised", 80, List.of(split("shop", "s", "web",
                        backend("web-v1", "50"), backend("ghost", "50"))), "* -> web-v1 100%"),
                row("a backend without the root's port is dropped", 80, List.of(split("shop", "s", "web",
                        backend("web-v1", "1"), backend("web-v3", "3"))), "* -> web-v1 100%"),
                row("no backend left: the root itself", 80, List.of(split("shop", "s", "web",
                        backend("ghost", "1"))), "* -> web 100%"),
                row("weights summing to 0: the root itself", 80, List.of(split("shop", "s", "web",
                        backend("web-v1", "0"), backend("web-v2", "0"))), "* -> web 100%"),
                row("the root as its own only backend", 80, List.of(split("shop", "s", "web",
                        backend("web", "100"))), "* -> web 100%"),
                row("a backend listed twice: its weights add up", 80, List.of(split("shop", "s", "web",
                        backend("web-v1", "1"), backend("web-v2", "1"), backend("web-v1", "2"))),
                        "* -> web-v1 75%, web-v2 25%"),
                row("two plain splits: the first by name decides", 80, List.of(
                        split("shop", "b", "web", backend("web-v2", "1")),
                        split("shop", "a", "web", backend("web-v1", "1"))), "* -> web-v1 100%"),
                row("header split: matching requests to its backends, the rest to the root", 80, List.of(CANARY,
                        headerSplit("shop", "s", "web", List.of("canary"), backend("web-v2", "100"))),
                        "[canary] -> web-v2 100% | * -> web 100%"),
                row("header split first, then a plain split for the rest", 80, List.of(CANARY,
                        headerSplit("shop", "h", "web", List.of("canary"), backend("web-v2", "100")),
                        split("shop", "p", "web", backend("web-v1", "100"))),
                        "[canary] -> web-v2 100% | * -> web-v1 100%"),
                row("header splits in name order", 80, List.of(CANARY, BETA,
                        headerSplit("shop", "b", "web", List.of("beta"), backend("web-v1", "1")),
                        headerSplit("shop", "a", "web", List.of("canary"), backend("web-v2", "1"))),
                        "[canary] -> web-v2 100% | [beta] -> web-v1 100% | * -> web 100%"),
                row("several route groups in one split are merged", 80, List.of(CANARY, BETA,
                        headerSplit("shop", "s", "web", List.of("canary", "beta"), backend("web-v2", "1"))),
                        "[beta, canary] -> web-v2 100% | * -> web 100%"),
                row("header split with a missing HTTPRouteGroup never applies", 80, List.of(
                        headerSplit("shop", "s", "web", List.of("missing"), backend("web-v2", "100"))),
                        "* -> web 100%"),
                row("TCP port: a plain split applies", 9000, List.of(split("shop", "s", "web",
                        backend("web-v1", "50"), backend("web-v2", "50"))), "* -> web-v1 50%, web-v2 50%"),
                row("TCP port: a header split does not", 9000, List.of(CANARY,
                        headerSplit("shop", "s", "web", List.of("canary"), backend("web-v2", "100"))),
                        "* -> web 100%"),
                row("a split of a missing root changes nothing", 80, List.of(split("shop", "s", "ghost",
                        backend("web-v1", "1"))), "* -> web 100%"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routings")
    void routesTheRootPort(String name, int port, PolicySet policy, String expected) {
        Mesh mesh = new MeshCompiler().compile(policy, CLUSTER);

        assertThat(Describe.routing(mesh.routing(svc("shop", "web"), port).orElseThrow())).isEqualTo(expected);
    }

    @Test
    void backendsCarryTheIdentitiesToExpectInTheServerCertificate() {
        Mesh mesh = new MeshCompiler().compile(policy(split("shop", "s", "web", backend("web-v1", "1"))), CLUSTER);

        assertThat(mesh.routing(svc("shop", "web"), 80).orElseThrow().backends())
                .extracting(WeightedBackend::identities)
                .containsExactly(List.of(id("shop", "web-v1")));
        assertThat(mesh.routing(svc("shop", "web-v2"), 80).orElseThrow().backends())
                .extracting(WeightedBackend::identities)
                .containsExactly(List.of(id("shop", "web-v2")));
        assertThat(mesh.service(svc("shop", "web")).orElseThrow().identities())
                .containsExactly(id("shop", "web-v1"), id("shop", "web-v2"), id("shop", "web-v3"));
    }

    /** Root shop/front selects no pod of its own; front-v1 and front-v2 do. */
    static final ClusterState VIRTUAL_ROOT = ClusterState.builder()
            .service(service("shop", "front", Map.of("app", "front-root"), port("http", 80)))
            .service(service("shop", "front-v1", Map.of("app", "front", "version", "v1"), port("http", 80)))
            .service(service("shop", "front-v2", Map.of("app", "front", "version", "v2"), port("http", 80)))
            .workload(deployment("shop", "front-v1", "front-v1", Map.of("app", "front", "version", "v1")))
            .workload(deployment("shop", "front-v2", "front-v2", Map.of("app", "front", "version", "v2")))
            .workload(deployment("shop", "client", "client", Map.of("app", "client")))
            .build();

    static final HttpRouteGroup ROUTES = routeGroup("shop", "routes",
            match("index", "/", "GET"), match("order", "/order", "POST"));

    static Stream<Arguments> rootAccess() {
        return Stream.of(
                access("no split: a root without pods is out of reach", List.of(ROUTES,
                        target("t", "shop/front-v1", List.of("shop/client"), httpRule("routes", "index"))), "deny"),
                access("a TrafficSplit alone grants nothing", List.of(
                        split("shop", "s", "front", backend("front-v1", "1"))), "deny"),
                access("the backend that takes the traffic grants the root", List.of(ROUTES,
                        split("shop", "s", "front", backend("front-v1", "1")),
                        target("t", "shop/front-v1", List.of("shop/client"), httpRule("routes", "index"))),
                        "routes[index]"),
                access("a backend that gets 0 % grants nothing", List.of(ROUTES,
                        split("shop", "s", "front", backend("front-v1", "0"), backend("front-v2", "1")),
                        target("t", "shop/front-v1", List.of("shop/client"), httpRule("routes", "index"))),
                        "deny"),
                access("what the backends allow adds up", List.of(ROUTES,
                        split("shop", "s", "front", backend("front-v1", "1"), backend("front-v2", "1")),
                        target("t1", "shop/front-v1", List.of("shop/client"), httpRule("routes", "index")),
                        target("t2", "shop/front-v2", List.of("shop/client"), httpRule("routes", "order"))),
                        "routes[index, order]"),
                access("a header split's backends grant the root too", List.of(ROUTES, CANARY,
                        headerSplit("shop", "s", "front", List.of("canary"), backend("front-v2", "1")),
                        target("t", "shop/front-v2", List.of("shop/client"), httpRule("routes", "order"))),
                        "routes[order]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rootAccess")
    void mayReachTheRoot(String name, PolicySet policy, String expected) {
        Mesh mesh = new MeshCompiler().compile(policy, VIRTUAL_ROOT);

        assertThat(Describe.permission(mesh.permission(id("shop", "client"), svc("shop", "front"), 80)))
                .isEqualTo(expected);
    }

    @Test
    void theBackendStaysReachableDirectlyAndOnlyItsOwnIdentityAdmitsTheCaller() {
        Mesh mesh = new MeshCompiler().compile(policy(ROUTES,
                split("shop", "s", "front", backend("front-v1", "1"), backend("front-v2", "1")),
                target("t", "shop/front-v1", List.of("shop/client"), httpRule("routes"))), VIRTUAL_ROOT);

        assertThat(mesh.mayReach(id("shop", "client"), svc("shop", "front-v1"), 80)).isTrue();
        assertThat(mesh.mayReach(id("shop", "client"), svc("shop", "front-v2"), 80)).isFalse();
        assertThat(mesh.inbound(id("shop", "front-v2")).port(svc("shop", "front-v2"), 80).orElseThrow()
                .admission().permission(id("shop", "client"))).as("front-v2 refuses its share").isEmpty();
    }

    private static Arguments row(String name, int port, List<PolicyDocument> documents, String expected) {
        return arguments(name, port, new PolicySet(documents), expected);
    }

    private static Arguments access(String name, List<PolicyDocument> documents, String expected) {
        return arguments(name, new PolicySet(documents), expected);
    }
}
