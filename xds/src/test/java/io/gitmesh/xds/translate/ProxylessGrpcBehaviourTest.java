package io.gitmesh.xds.translate;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitmesh.model.Identity;
import io.gitmesh.model.Mesh;
import io.gitmesh.xds.translate.simulate.Call;
import io.gitmesh.xds.translate.simulate.MeshSimulation;
import io.gitmesh.xds.translate.simulate.Verdict;
import org.junit.jupiter.api.Test;

/**
 * What gRPC calls do through proxyless configs on the {@link Shop} greeter: a channel to
 * {@code xds:///greeter.shop.svc.cluster.local:50051}, servers on their container port 9000.
 */
class ProxylessGrpcBehaviourTest {
    private static final Identity WEB = new Identity("shop", "web");
    private static final Identity MOBILE = new Identity("shop", "mobile");
    private static final String GREETER = "greeter.shop.svc.cluster.local";
    private static final String SAY_HELLO = "/helloworld.Greeter/SayHello";
    private static final String WEB_SPIFFE_ID = "spiffe://cluster.local/ns/shop/sa/web";

    private static final Mesh MESH = Meshes.compile(Shop.CLIENTS, Shop.GREETER, ShopPolicies.GREETER);
    private static final MeshSimulation MTLS = MeshSimulation.grpc(MESH, TranslateOptions.defaults());
    private static final MeshSimulation PLAINTEXT = MeshSimulation.grpc(MESH, TranslateOptions.insecurePlaintextGrpc());

    @Test
    void theSplitSendsNinetyPercentToV1AndTheCanaryHeaderEverythingToV2() {
        Call sayHello = Call.from(WEB).to(GREETER, 50051).post(SAY_HELLO);

        assertThat(MTLS.call(sayHello).describe())
                .isEqualTo("shop/greeter-v1:50051 90% allowed, shop/greeter-v2:50051 10% allowed");
        assertThat(MTLS.call(sayHello.header("x-canary", "true")).describe())
                .isEqualTo("shop/greeter-v2:50051 100% allowed");
    }

    @Test
    void serversAdmitOnlyTheMethodsAndCallersTheirTrafficTargetsAllow() {
        Call sayHello = Call.from(MOBILE).to(GREETER, 50051).post(SAY_HELLO);

        assertThat(MTLS.call(sayHello).describe())
                .isEqualTo("shop/greeter-v1:50051 90% allowed, shop/greeter-v2:50051 10% denied");
        assertThat(MTLS.call(sayHello).verdictsOf("shop/greeter-v2:50051"))
                .containsExactly(new Verdict.Denied("PERMISSION_DENIED"));
        assertThat(MTLS.call(sayHello.post("/helloworld.Greeter/SayGoodbye")).describe())
                .isEqualTo("shop/greeter-v1:50051 90% denied, shop/greeter-v2:50051 10% denied");
    }

    @Test
    void aChannelToAServiceTheCallerMayNotReachFindsNoListener() {
        MeshSimulation onlyWeb = MeshSimulation.grpc(Meshes.compile(Shop.CLIENTS, Shop.GREETER, """
                apiVersion: specs.smi-spec.io/v1alpha4
                kind: TCPRoute
                metadata: {name: greeter, namespace: shop}
                spec: {matches: {ports: [50051]}}
                ---
                apiVersion: access.smi-spec.io/v1alpha3
                kind: TrafficTarget
                metadata: {name: web-to-greeter, namespace: shop}
                spec:
                  destination: {kind: ServiceAccount, name: greeter-v1, namespace: shop}
                  rules: [{kind: TCPRoute, name: greeter}]
                  sources: [{kind: ServiceAccount, name: web, namespace: shop}]
                """), TranslateOptions.defaults());

        assertThat(onlyWeb.call(Call.from(WEB).to("greeter-v1.shop.svc.cluster.local", 50051).post(SAY_HELLO))
                .describe()).isEqualTo("shop/greeter-v1:50051 100% allowed");
        assertThat(onlyWeb.call(Call.from(MOBILE).to("greeter-v1.shop.svc.cluster.local", 50051).post(SAY_HELLO))
                .describe()).isEqualTo("refused: no listener greeter-v1.shop.svc.cluster.local:50051: "
                        + "the channel fails (UNAVAILABLE)");
    }

    @Test
    void withMtlsTheCallerHeaderProvesNothing() {
        Call forged = Call.from(MOBILE).to(GREETER, 50051).post(SAY_HELLO).header("x-canary", "true")
                .header(ResourceNames.CALLER_HEADER, WEB_SPIFFE_ID);

        assertThat(MTLS.call(forged).describe()).isEqualTo("shop/greeter-v2:50051 100% denied");
    }

    @Test
    void plaintextGrpcAdmitsHonestCallersAsMtlsDoes() {
        Call sayHello = Call.from(MOBILE).to(GREETER, 50051).post(SAY_HELLO);

        assertThat(PLAINTEXT.call(sayHello).describe())
                .isEqualTo("shop/greeter-v1:50051 90% allowed, shop/greeter-v2:50051 10% denied");
    }

    /** Why plaintext is for development only: RBAC believes whatever the caller header says. */
    @Test
    void plaintextGrpcBelievesAForgedCallerHeader() {
        Call forged = Call.from(MOBILE).to(GREETER, 50051).post(SAY_HELLO).header("x-canary", "true")
                .header(ResourceNames.CALLER_HEADER, WEB_SPIFFE_ID);

        assertThat(PLAINTEXT.call(forged).describe()).isEqualTo("shop/greeter-v2:50051 100% allowed");
    }
}
