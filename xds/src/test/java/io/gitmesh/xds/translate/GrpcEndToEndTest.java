package io.gitmesh.xds.translate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.envoyproxy.controlplane.cache.Resources.ResourceType;
import io.gitmesh.model.Mesh;
import io.gitmesh.xds.Flavour;
import io.gitmesh.xds.ProxyConfig;
import io.gitmesh.xds.SnapshotGroup;
import io.gitmesh.xds.server.ProxyStatus;
import io.gitmesh.xds.testing.EchoBackend;
import io.gitmesh.xds.testing.Traffic;
import io.gitmesh.xds.testing.XdsClientChannel;
import io.gitmesh.xds.testing.XdsServerFixture;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Translated meshes served by gitmesh's ADS server to grpc-java's own xDS client and server
 * ({@code XdsServerBuilder}), over plaintext: real LDS, RDS, CDS and EDS, weighted clusters, header
 * matches and server-side RBAC, with real gRPC servers on loopback as the endpoints.
 */
class GrpcEndToEndTest {
    private static final String ECHO = "echo.shop.svc.cluster.local:" + LoopbackCluster.PORT;
    private static final String CALLER_OF_WEB = "spiffe://cluster.local/ns/shop/sa/web";
    private static final SnapshotGroup WEB = SnapshotGroup.of("shop", "web", Flavour.GRPC);
    private static final String PERMISSIVE = """
            apiVersion: gitmesh.io/v1alpha1
            kind: MeshConfig
            metadata: {name: mesh}
            spec: {traffic: {permissive: true}}
            """;
    private static final String SPLIT_70_20_10 = """
            apiVersion: split.smi-spec.io/v1alpha2
            kind: TrafficSplit
            metadata: {name: echo-split, namespace: shop}
            spec:
              service: echo
              backends: [{service: echo-v1, weight: 70}, {service: echo-v2, weight: 20}, {service: echo-v3, weight: 10}]
            """;

    private static EchoBackend v1;
    private static EchoBackend v2;
    private static EchoBackend v3;

    @BeforeAll
    static void startBackends() {
        v1 = EchoBackend.start("v1");
        v2 = EchoBackend.start("v2");
        v3 = EchoBackend.start("v3");
    }

    @AfterAll
    static void stopBackends() {
        Stream.of(v1, v2, v3).forEach(EchoBackend::close);
    }

    @Test
    void aSeventyTwentyTenSplitHoldsOverTwoThousandCalls() {
        Mesh mesh = echoVersions().compile(PERMISSIVE + "---\n" + SPLIT_70_20_10);

        try (XdsServerFixture xds = XdsServerFixture.start();
                XdsClientChannel web = XdsClientChannel.open(xds.port(), "shop/web-0", WEB, ECHO)) {
            xds.publish(Map.of(WEB, translate(mesh, WEB)));

            SortedMap<String, Integer> spread = Traffic.spread(web.channel(), 2_000);

            assertThat(spread.keySet()).containsExactly("v1", "v2", "v3");
            assertThat(spread.get("v1")).as("70 %% ± 5 of %s", spread).isBetween(1_300, 1_500);
            assertThat(spread.get("v2")).as("20 %% ± 5 of %s", spread).isBetween(300, 500);
            assertThat(spread.get("v3")).as("10 %% ± 5 of %s", spread).isBetween(100, 300);
            assertNoNacks(xds);
        }
    }

    @Test
    void aHeaderMatchedRouteSendsOnlyMatchingCallsToItsBackend() {
        Mesh mesh = echoVersions().compile(PERMISSIVE + """
                ---
                apiVersion: specs.smi-spec.io/v1alpha4
                kind: HTTPRouteGroup
                metadata: {name: canary-users, namespace: shop}
                spec:
                  matches:
                  - name: canary-header
                    headers:
                    - x-canary: "true"
                ---
                apiVersion: split.smi-spec.io/v1alpha4
                kind: TrafficSplit
                metadata: {name: echo-canary, namespace: shop}
                spec:
                  service: echo
                  matches: [{kind: HTTPRouteGroup, name: canary-users}]
                  backends: [{service: echo-v3, weight: 100}]
                ---
                apiVersion: split.smi-spec.io/v1alpha4
                kind: TrafficSplit
                metadata: {name: echo-stable, namespace: shop}
                spec:
                  service: echo
                  backends: [{service: echo-v1, weight: 50}, {service: echo-v2, weight: 50}]
                """);

        try (XdsServerFixture xds = XdsServerFixture.start();
                XdsClientChannel web = XdsClientChannel.open(xds.port(), "shop/web-0", WEB, ECHO)) {
            xds.publish(Map.of(WEB, translate(mesh, WEB)));

            assertThat(Traffic.spread(withHeader(web.channel(), "x-canary", "true"), 300))
                    .containsExactly(Map.entry("v3", 300));
            assertThat(Traffic.spread(withHeader(web.channel(), "x-canary", "false"), 300).keySet())
                    .containsExactly("v1", "v2");
            assertThat(Traffic.spread(web.channel(), 300).keySet()).containsExactly("v1", "v2");
            assertNoNacks(xds);
        }
    }

    @Test
    void anXdsServerAdmitsTheCallerItsTrafficTargetAllowsAndDeniesAnother() {
        int port = XdsEchoServer.freePort();
        Mesh mesh = new LoopbackCluster().client("web").client("mobile")
                .server("echo-server", Map.of("app", "echo"), port)
                .service("echo", Map.of("app", "echo"))
                .compile("""
                        apiVersion: specs.smi-spec.io/v1alpha4
                        kind: HTTPRouteGroup
                        metadata: {name: echo-methods, namespace: shop}
                        spec:
                          matches:
                          - {name: who, pathRegex: /mesh\\.Echo/Who}
                          - {name: other, pathRegex: /mesh\\.Echo/Other}
                        ---
                        apiVersion: access.smi-spec.io/v1alpha3
                        kind: TrafficTarget
                        metadata: {name: web-may-ask-who, namespace: shop}
                        spec:
                          destination: {kind: ServiceAccount, name: echo-server, namespace: shop}
                          rules: [{kind: HTTPRouteGroup, name: echo-methods, matches: [who]}]
                          sources: [{kind: ServiceAccount, name: web, namespace: shop}]
                        ---
                        apiVersion: access.smi-spec.io/v1alpha3
                        kind: TrafficTarget
                        metadata: {name: mobile-may-call-other, namespace: shop}
                        spec:
                          destination: {kind: ServiceAccount, name: echo-server, namespace: shop}
                          rules: [{kind: HTTPRouteGroup, name: echo-methods, matches: [other]}]
                          sources: [{kind: ServiceAccount, name: mobile, namespace: shop}]
                        """);
        SnapshotGroup mobile = SnapshotGroup.of("shop", "mobile", Flavour.GRPC);
        SnapshotGroup server = new SnapshotGroup("shop", "echo-server", Flavour.GRPC, List.of(port));

        try (XdsServerFixture xds = XdsServerFixture.start()) {
            xds.publish(Stream.of(WEB, mobile, server)
                    .collect(Collectors.toMap(group -> group, group -> translate(mesh, group))));
            XdsEchoServer echo = XdsEchoServer.start("echo-server", port, xds.port(), "shop/echo-server-0", server);
            try (echo;
                    XdsClientChannel web = XdsClientChannel.open(xds.port(), "shop/web-0", WEB, ECHO);
                    XdsClientChannel mobileClient = XdsClientChannel.open(xds.port(), "shop/mobile-0", mobile, ECHO)) {

                assertThat(EchoBackend.who(withHeader(web.channel(), ResourceNames.CALLER_HEADER, CALLER_OF_WEB)))
                        .isEqualTo("echo-server");
                assertThatThrownBy(() -> EchoBackend.who(withHeader(mobileClient.channel(),
                        ResourceNames.CALLER_HEADER, "spiffe://cluster.local/ns/shop/sa/mobile")))
                        .isInstanceOfSatisfying(StatusRuntimeException.class, denied ->
                                assertThat(denied.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
                assertNoNacks(xds);
            }
        }
    }

    /** echo on 50051, backed by versions echo-v1..v3, each a pod of its own identity on a backend's port. */
    private static LoopbackCluster echoVersions() {
        LoopbackCluster cluster = new LoopbackCluster().client("web").service("echo", Map.of("app", "echo"));
        List<EchoBackend> backends = List.of(v1, v2, v3);
        for (EchoBackend backend : backends) {
            String version = backend.name();
            cluster.server("echo-" + version, Map.of("app", "echo", "version", version), backend.port())
                    .service("echo-" + version, Map.of("app", "echo", "version", version));
        }
        return cluster;
    }

    /** Every proxy accepted every resource type it was sent. */
    private static void assertNoNacks(XdsServerFixture xds) {
        for (ProxyStatus proxy : xds.server().proxies()) {
            for (ResourceType type : ResourceType.values()) {
                assertThat(proxy.lastNack(type)).as("%s %s", proxy.nodeId(), type).isEmpty();
            }
        }
    }

    private static ProxyConfig translate(Mesh mesh, SnapshotGroup group) {
        return new Translator().translate(mesh, group, TranslateOptions.insecurePlaintextGrpc());
    }

    private static Channel withHeader(Channel channel, String name, String value) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER), value);
        return ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers));
    }
}
