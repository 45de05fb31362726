package io.gitmesh.model.simulate;

import static io.gitmesh.model.ClusterFixtures.deployment;
import static io.gitmesh.model.ClusterFixtures.id;
import static io.gitmesh.model.ClusterFixtures.port;
import static io.gitmesh.model.ClusterFixtures.service;
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

import io.gitmesh.model.Identity;
import io.gitmesh.model.Mesh;
import io.gitmesh.model.cluster.ClusterState;
import io.gitmesh.model.compile.MeshCompiler;
import io.gitmesh.schema.PolicySet;
import io.gitmesh.schema.policy.PolicyDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Calls in OSM's bookstore demo, decided by the mesh's rules (see {@link Simulator}). */
class SimulatorTest {
    private static final Mesh BOOKSTORE = OsmBookstore.mesh();
    private static final Identity BOOKBUYER = id("bookbuyer", "bookbuyer");
    private static final Identity BOOKTHIEF = id("bookthief", "bookthief");
    private static final Identity BOOKSTORE_SA = id("bookstore", "bookstore");
    private static final Identity BOOKWAREHOUSE = id("bookwarehouse", "bookwarehouse");
    private static final String STORE = "bookstore.bookstore.svc.cluster.local:14001";
    private static final String WAREHOUSE = "bookwarehouse.bookwarehouse:14001";

    private final Simulator simulator = new Simulator();

    /** The demo's clients send these headers with every request to /books-bought (EXPECTED.md §1). */
    private static Call booksBought(Identity source) {
        return Call.get(source, STORE).withPath("/books-bought").withHeader("client-app", "bookbuyer")
                .withHeader("User-Agent", "Go-http-client/1.1");
    }

    static Stream<Arguments> calls() {
        return Stream.of(
                arguments("bookbuyer GET /books-bought with its headers", booksBought(BOOKBUYER),
                        "allowed by HTTPRouteGroup bookstore/bookstore-service-routes match books-bought"
                                + " -> bookstore/bookstore-v1 100%"),
                arguments("bookbuyer GET /books-bought without the headers",
                        Call.get(BOOKBUYER, STORE).withPath("/books-bought"),
                        "denied: GET /books-bought matches none of the routes bookbuyer/bookbuyer may use on"
                                + " bookstore/bookstore:14001: HTTPRouteGroup bookstore/bookstore-service-routes"
                                + " match books-bought (header client-app is missing); HTTPRouteGroup"
                                + " bookstore/bookstore-service-routes match buy-a-book (path /books-bought does not"
                                + " match .*a-book.*new)"),
                arguments("bookbuyer with a user agent that does not match",
                        Call.get(BOOKBUYER, STORE).withPath("/books-bought").withHeader("client-app", "bookbuyer")
                                .withHeader("user-agent", "curl/8.0"),
                        "denied: GET /books-bought matches none of the routes bookbuyer/bookbuyer may use on"
                                + " bookstore/bookstore:14001: HTTPRouteGroup bookstore/bookstore-service-routes"
                                + " match books-bought (header user-agent: \"curl/8.0\" does"
                                + " not match .*-http-client/*.*); HTTPRouteGroup bookstore/bookstore-service-routes"
                                + " match buy-a-book (path /books-bought does not match .*a-book.*new)"),
                arguments("bookbuyer buys a book (query string ignored)",
                        Call.get(BOOKBUYER, "bookstore.bookstore:14001").withPath("/buy-a-book/new?id=3"),
                        "allowed by HTTPRouteGroup bookstore/bookstore-service-routes match buy-a-book"
                                + " -> bookstore/bookstore-v1 100%"),
                arguments("bookbuyer POST /buy-a-book/new: GET only",
                        Call.get(BOOKBUYER, STORE).withPath("/buy-a-book/new").withMethod("POST"),
                        "denied: POST /buy-a-book/new matches none of the routes bookbuyer/bookbuyer may use on"
                                + " bookstore/bookstore:14001: HTTPRouteGroup bookstore/bookstore-service-routes"
                                + " match books-bought (path /buy-a-book/new does not match /books-bought);"
                                + " HTTPRouteGroup bookstore/bookstore-service-routes match buy-a-book"
                                + " (method POST is not GET)"),
                arguments("bookthief GET /books-bought with the same headers", booksBought(BOOKTHIEF),
                        "denied: no TrafficTarget lets bookthief/bookthief reach bookstore/bookstore:14001"),
                arguments("bookstore POST /restock-books to bookwarehouse",
                        Call.get(BOOKSTORE_SA, WAREHOUSE).withPath("/restock-books").withMethod("POST"),
                        "allowed by HTTPRouteGroup bookwarehouse/bookwarehouse-service-routes match restock-books"
                                + " -> bookwarehouse/bookwarehouse 100%"),
                arguments("bookstore GET /restock-books", Call.get(BOOKSTORE_SA, WAREHOUSE).withPath("/restock-books"),
                        "denied: GET /restock-books matches none of the routes bookstore/bookstore may use on"
                                + " bookwarehouse/bookwarehouse:14001: HTTPRouteGroup"
                                + " bookwarehouse/bookwarehouse-service-routes match restock-books"
                                + " (method GET is not POST)"),
                arguments("bookwarehouse to mysql:3306 (a short name in its own namespace)",
                        Call.get(BOOKWAREHOUSE, "mysql:3306"),
                        "allowed: a TrafficTarget lets bookwarehouse/bookwarehouse open TCP connections to"
                                + " bookwarehouse/mysql:3306 -> bookwarehouse/mysql 100%"),
                arguments("bookwarehouse to mysql without a port: its only port",
                        Call.get(BOOKWAREHOUSE, "mysql.bookwarehouse.svc."),
                        "allowed: a TrafficTarget lets bookwarehouse/bookwarehouse open TCP connections to"
                                + " bookwarehouse/mysql:3306 -> bookwarehouse/mysql 100%"),
                arguments("bookbuyer to mysql", Call.get(BOOKBUYER, "mysql.bookwarehouse:3306"),
                        "denied: no TrafficTarget lets bookbuyer/bookbuyer reach bookwarehouse/mysql:3306"),
                arguments("a Service that does not exist", Call.get(BOOKBUYER, "bookstor.bookstore:14001"),
                        "unresolved: no Service bookstore/bookstor in the mesh (host bookstor.bookstore)"),
                arguments("a short name looks in the caller's namespace", Call.get(BOOKBUYER, "bookstore:14001"),
                        "unresolved: no Service bookbuyer/bookstore in the mesh (host bookstore)"),
                arguments("a port the Service does not have", Call.get(BOOKBUYER, "bookstore.bookstore:80"),
                        "unresolved: bookstore/bookstore has no port 80 (ports: 14001)"),
                arguments("not a port", Call.get(BOOKBUYER, "bookstore.bookstore:http"),
                        "unresolved: not a port: \"http\" in bookstore.bookstore:http"),
                arguments("a host outside the cluster", Call.get(BOOKBUYER, "www.github.com:443"),
                        "unresolved: host www.github.com names no Service: write name, name.namespace or"
                                + " name.namespace.svc.cluster.local"),
                arguments("a repeated header is matched as one value, joined by commas",
                        booksBought(BOOKBUYER).withHeader("client-app", "bookthief"),
                        "denied: GET /books-bought matches none of the routes bookbuyer/bookbuyer may use on"
                                + " bookstore/bookstore:14001: HTTPRouteGroup bookstore/bookstore-service-routes"
                                + " match books-bought (header client-app: \"bookbuyer,bookthief\" does not match"
                                + " bookbuyer); HTTPRouteGroup bookstore/bookstore-service-routes match buy-a-book"
                                + " (path /books-bought does not match .*a-book.*new)"),
                arguments("an identity that does not exist", Call.get(id("bookbuyer", "bookbyer"), STORE),
                        "unresolved: no identity bookbuyer/bookbyer in the mesh: no ServiceAccount bookbyer in"
                                + " namespace bookbuyer, and no workload runs as it"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("calls")
    void decidesTheDemosCalls(String name, Call call, String expected) {
        assertThat(describe(simulator.simulate(BOOKSTORE, call))).isEqualTo(expected);
    }

    @Test
    void inPermissiveModeBookthiefGetsThroughToo() {
        Mesh permissive = OsmBookstore.mesh("meshconfig/mesh-config.yaml");

        assertThat(describe(simulator.simulate(permissive, booksBought(BOOKTHIEF)))).isEqualTo(
                "allowed: the mesh is permissive (MeshConfig traffic.permissive), every identity may call every"
                        + " service -> bookstore/bookstore-v1 100%");
    }

    /** shop/web selects web-v1's and web-v2's pods; shop/client may call only web-v1's workloads. */
    private static final ClusterState SHOP = ClusterState.builder()
            .service(service("shop", "web", Map.of("app", "web"), port("http", 80)))
            .service(service("shop", "web-v1", Map.of("app", "web", "version", "v1"), port("http", 80)))
            .service(service("shop", "web-v2", Map.of("app", "web", "version", "v2"), port("http", 80)))
            .workload(deployment("shop", "web-v1", "web-v1", Map.of("app", "web", "version", "v1")))
            .workload(deployment("shop", "web-v2", "web-v2", Map.of("app", "web", "version", "v2")))
            .workload(deployment("shop", "client", "client", Map.of("app", "client")))
            .build();
    private static final Call CLIENT_TO_WEB = Call.get(id("shop", "client"), "web");

    private static Mesh shop(PolicyDocument... splits) {
        List<PolicyDocument> documents = new ArrayList<>(List.of(
                routeGroup("shop", "all", match("any", ".*")),
                routeGroup("shop", "canary", headerMatch("canary", Map.of("x-canary", "1|yes"))),
                target("to-v1", "shop/web-v1", List.of("shop/client"), httpRule("all")),
                target("to-v2", "shop/web-v2", List.of("shop/client"), httpRule("all"))));
        documents.addAll(List.of(splits));
        return new MeshCompiler().compile(new PolicySet(documents), SHOP);
    }

    @Test
    void aHeaderSplitTakesTheRequestsThatMatchItAndTheRestGoByWeight() {
        Mesh mesh = shop(headerSplit("shop", "canary-split", "web", List.of("canary"), backend("web-v2", "1")),
                split("shop", "split", "web", backend("web-v1", "3"), backend("web-v2", "1")));

        assertThat(describe(simulator.simulate(mesh, CLIENT_TO_WEB.withHeader("X-Canary", "yes"))))
                .isEqualTo("allowed by HTTPRouteGroup shop/all match any -> shop/web-v2 100%");
        assertThat(describe(simulator.simulate(mesh, CLIENT_TO_WEB.withHeader("x-canary", "no"))))
                .isEqualTo("allowed by HTTPRouteGroup shop/all match any -> shop/web-v1 75%, shop/web-v2 25%");
    }

    @Test
    void aBackendThatDoesNotAdmitTheCallerRefusesItsShare() {
        Mesh mesh = withoutV2Access(split("shop", "split", "web", backend("web-v1", "1"), backend("web-v2", "1")));

        assertThat(describe(simulator.simulate(mesh, CLIENT_TO_WEB))).isEqualTo(
                "allowed by HTTPRouteGroup shop/all match any; but shop/web-v2 refuses its 50% share (no TrafficTarget"
                        + " lets shop/client reach shop/web-v2) -> shop/web-v1 50%");
    }

    @Test
    void whenEveryBackendRefusesTheCallIsDenied() {
        Mesh mesh = withoutV2Access(split("shop", "split", "web", backend("web-v2", "1")));

        assertThat(describe(simulator.simulate(mesh, CLIENT_TO_WEB))).isEqualTo(
                "denied: every backend refuses it: shop/web-v2 refuses its 100% share (no TrafficTarget lets"
                        + " shop/client reach shop/web-v2) (the caller's side: allowed by HTTPRouteGroup shop/all"
                        + " match any)");
    }

    /** The shop where only web-v1's workloads admit the client. */
    private static Mesh withoutV2Access(PolicyDocument split) {
        return new MeshCompiler().compile(policy(routeGroup("shop", "all", match("any", ".*")),
                target("to-v1", "shop/web-v1", List.of("shop/client"), httpRule("all")), split), SHOP);
    }

    private static String describe(Outcome outcome) {
        return switch (outcome) {
            case Unresolved unresolved -> "unresolved: " + unresolved.reason();
            case Verdict verdict when !verdict.allowed() -> "denied: " + verdict.reason();
            case Verdict verdict -> verdict.reason() + " -> " + verdict.backends().stream()
                    .map(b -> b.service() + " " + b.percent() + "%").collect(Collectors.joining(", "));
        };
    }
}
