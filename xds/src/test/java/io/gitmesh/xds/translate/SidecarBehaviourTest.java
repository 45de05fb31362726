package io.gitmesh.xds.translate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.gitmesh.model.Identity;
import io.gitmesh.xds.translate.simulate.Call;
import io.gitmesh.xds.translate.simulate.MeshSimulation;
import io.gitmesh.xds.translate.simulate.Verdict;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What calls do through Envoy sidecar configs, one SMI feature at a time, on the {@link Shop} cluster. */
class SidecarBehaviourTest {
    private static final Identity WEB = new Identity("shop", "web");
    private static final Identity MOBILE = new Identity("shop", "mobile");

    private static final MeshSimulation ROUTES = MeshSimulation.envoy(
            Meshes.compile(Shop.CLIENTS, Shop.API, ShopPolicies.API_ROUTES));

    static Stream<Arguments> httpRouteGroupCalls() {
        Call webToApiV1 = Call.from(WEB).to("api-v1", 8080);
        Call mobileToApiV1 = Call.from(MOBILE).to("api-v1.shop.svc.cluster.local", 8080);
        return Stream.of(
                arguments("orders with a tenant", webToApiV1.get("/orders/42").header("x-tenant", "acme"), true),
                arguments("the query is not part of the path", webToApiV1.post("/orders?page=2")
                        .header("x-tenant", "acme"), true),
                arguments("orders without a tenant", webToApiV1.get("/orders"), false),
                arguments("a tenant that is not lowercase letters", webToApiV1.get("/orders")
                        .header("x-tenant", "Acme-1"), false),
                arguments("a method the match does not list", webToApiV1.method("DELETE", "/orders")
                        .header("x-tenant", "acme"), false),
                arguments("a path the regex matches only in part", webToApiV1.get("/orders-archive")
                        .header("x-tenant", "acme"), false),
                arguments("health", webToApiV1.get("/health"), true),
                arguments("mobile's health", mobileToApiV1.get("/health"), true),
                arguments("mobile's orders", mobileToApiV1.get("/orders").header("x-tenant", "acme"), false),
                arguments("mobile posting to health", mobileToApiV1.post("/health"), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("httpRouteGroupCalls")
    void httpRouteGroupMatchesDecideWhichRequestsEachSourceMaySend(String name, Call call, boolean allowed) {
        var outcome = ROUTES.call(call);

        assertThat(outcome.describe()).startsWith("shop/api-v1:8080 100% ");
        assertThat(outcome.allowed()).as(outcome.describe()).isEqualTo(allowed);
    }

    @Test
    void aRootSelectingPodsOfSeveralIdentitiesIsAdmittedOnlyWhereTheirPoliciesAllow() {
        assertThat(ROUTES.call(Call.from(WEB).to("api", 8080).get("/health")).describe())
                .isEqualTo("shop/api:8080 100% allowed by shop/api-v1 and denied by shop/api-v2");
    }

    @Test
    void aDeniedRequestIsAnsweredByRbacOnTheDestination() {
        var outcome = ROUTES.call(Call.from(MOBILE).to("api-v1.shop", 8080).get("/orders"));

        assertThat(outcome.verdictsOf("shop/api-v1:8080")).containsExactly(new Verdict.Denied("HTTP RBAC answers 403"));
    }

    @Test
    void tcpRouteOpensTheWholePortToItsSources() {
        MeshSimulation mesh = MeshSimulation.envoy(Meshes.compile(Shop.CLIENTS, Shop.DB, ShopPolicies.DB_ACCESS));

        assertThat(mesh.call(Call.from(WEB).to("db-v1.shop", 5432)).describe())
                .isEqualTo("shop/db-v1:5432 100% allowed");
        assertThat(mesh.call(Call.from(WEB).to("db-v2.shop", 5432)).describe())
                .isEqualTo("refused: no filter chain for 10.96.0.22:5432: the connection is closed");
        assertThat(mesh.call(Call.from(MOBILE).to("db-v1.shop", 5432)).describe())
                .isEqualTo("refused: no outbound listener: the connection is refused");
    }

    @Test
    void anL4RuleOnAnHttpPortAllowsEveryRequest() {
        MeshSimulation mesh = MeshSimulation.envoy(
                Meshes.compile(Shop.CLIENTS, Shop.API, ShopPolicies.L4_RULE_ON_HTTP_PORT));

        assertThat(mesh.call(Call.from(WEB).to("api-v1.shop", 8080).post("/anything")).describe())
                .isEqualTo("shop/api-v1:8080 100% allowed");
    }

    @Test
    void aSplitSendsItsSharesAndKeepsAZeroWeightBackendAtZero() {
        MeshSimulation mesh = MeshSimulation.envoy(Meshes.compile(Shop.CLIENTS, Shop.API,
                ShopPolicies.WEB_TO_API_VERSIONS, ShopPolicies.API_SPLIT_WITH_ZERO_WEIGHT));

        assertThat(mesh.call(Call.from(WEB).to("api.shop", 8080).get("/")).describe())
                .isEqualTo("shop/api-v1:8080 70% allowed, shop/api-v2:8080 30% allowed, shop/api-v3:8080 0%");
    }

    @Test
    void aHeaderMatchedSplitTakesOnlyTheMatchingRequests() {
        MeshSimulation mesh = MeshSimulation.envoy(Meshes.compile(Shop.CLIENTS, Shop.API,
                ShopPolicies.WEB_TO_API_VERSIONS, ShopPolicies.API_HEADER_SPLIT));
        Call call = Call.from(WEB).to("api.shop", 8080).get("/orders");

        assertThat(mesh.call(call.header("x-canary", "true")).describe()).isEqualTo("shop/api-v2:8080 100% allowed");
        assertThat(mesh.call(call.header("x-canary", "yes")).describe()).isEqualTo("shop/api-v1:8080 100% allowed");
        assertThat(mesh.call(call).describe()).isEqualTo("shop/api-v1:8080 100% allowed");
    }

    @Test
    void aTcpSplitWeighsConnections() {
        MeshSimulation mesh = MeshSimulation.envoy(Meshes.compile(Shop.CLIENTS, Shop.DB, ShopPolicies.DB_SPLIT));

        assertThat(mesh.call(Call.from(WEB).to("db.shop", 5432)).describe())
                .isEqualTo("shop/db-v1:5432 80% allowed, shop/db-v2:5432 20% allowed");
    }

    @Test
    void aHeadlessServiceIsMatchedOnItsPodsAddresses() {
        MeshSimulation mesh = MeshSimulation.envoy(Meshes.compile(Shop.CLIENTS, Shop.CACHE, ShopPolicies.CACHE_ACCESS));

        assertThat(mesh.call(Call.from(WEB).to("cache.shop", 6379)).describe())
                .isEqualTo("shop/cache:6379 100% allowed");
    }

    @Test
    void aGrpcServiceBehindSidecarsIsAdmittedPerMethod() {
        MeshSimulation mesh = MeshSimulation.envoy(Meshes.compile(Shop.CLIENTS, Shop.GREETER, ShopPolicies.GREETER));
        Call sayHello = Call.from(MOBILE).to("greeter.shop", 50051).post("/helloworld.Greeter/SayHello");

        assertThat(mesh.call(sayHello).describe())
                .isEqualTo("shop/greeter-v1:50051 90% allowed, shop/greeter-v2:50051 10% denied");
        assertThat(mesh.call(sayHello.post("/helloworld.Greeter/SayGoodbye")).describe())
                .isEqualTo("shop/greeter-v1:50051 90% denied, shop/greeter-v2:50051 10% denied");
    }
}
