package io.gitmesh.xds.translate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.envoyproxy.controlplane.cache.Resources.ResourceType;
import io.gitmesh.ca.TrustBundle;
import io.gitmesh.ca.store.WorkloadFiles;
import io.gitmesh.model.Identity;
import io.gitmesh.model.Mesh;
import io.gitmesh.xds.Flavour;
import io.gitmesh.xds.ProxyConfig;
import io.gitmesh.xds.SnapshotGroup;
import io.gitmesh.xds.bootstrap.BootstrapSpec;
import io.gitmesh.xds.server.ProxyStatus;
import io.gitmesh.xds.server.ServerTls;
import io.gitmesh.xds.testing.Bootstraps;
import io.gitmesh.xds.testing.ContinuousCalls;
import io.gitmesh.xds.testing.EchoBackend;
import io.gitmesh.xds.testing.TestCa;
import io.gitmesh.xds.testing.XdsClientChannel;
import io.gitmesh.xds.testing.XdsServerFixture;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5's acceptance, end to end with grpc-java's own xDS client and {@code XdsServerBuilder}: xDS and
 * the data plane both over mTLS, with certificates of our CA written as files ({@link WorkloadFiles}) and
 * read by the bootstraps gitmesh writes (file_watcher providers for the data plane, {@code tls} channel
 * credentials for xDS). RBAC admits callers by the SPIFFE ID of their client certificate.
 */
class MutualTlsEndToEndTest {
    private static final String ECHO = "echo.shop.svc.cluster.local:" + LoopbackCluster.PORT;
    private static final Identity WEB = new Identity("shop", "web");
    private static final Identity MOBILE = new Identity("shop", "mobile");
    private static final Identity ECHO_SERVER = new Identity("shop", "echo-server");
    private static final Duration REFRESH = Duration.ofSeconds(1);
    /** web may call Who; mobile may call only Other, so it reaches the server and RBAC denies its Who. */
    private static final String WEB_MAY_CALL_ECHO = """
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
            """;
    private static final String PERMISSIVE = """
            apiVersion: gitmesh.io/v1alpha1
            kind: MeshConfig
            metadata: {name: mesh}
            spec: {traffic: {permissive: true}}
            """;

    @TempDir
    Path certificates;

    private final int port = XdsEchoServer.freePort();
    private final SnapshotGroup web = SnapshotGroup.of("shop", "web", Flavour.GRPC);
    private final SnapshotGroup mobile = SnapshotGroup.of("shop", "mobile", Flavour.GRPC);
    private final SnapshotGroup server = new SnapshotGroup("shop", "echo-server", Flavour.GRPC, List.of(port));
    private TestCa ca;
    private ServerTls controlPlaneTls;
    private XdsServerFixture xds;

    @BeforeEach
    void start() {
        ca = TestCa.create();
        controlPlaneTls = ca.serverTls();
        xds = XdsServerFixture.start(builder -> builder.mutualTls(controlPlaneTls));
    }

    @AfterEach
    void stop() {
        xds.close();
    }

    @Test
    void theAllowedIdentityIsServedAndAnotherIsDenied() {
        publish(mesh(WEB_MAY_CALL_ECHO, "echo-server"));
        try (XdsEchoServer echo = echoServer(Duration.ofHours(1));
                XdsClientChannel webClient = client(WEB, Duration.ofHours(1));
                XdsClientChannel mobileClient = client(MOBILE, Duration.ofHours(1))) {

            assertThat(EchoBackend.who(webClient.channel())).isEqualTo("echo-server");
            assertThatThrownBy(() -> EchoBackend.who(mobileClient.channel()))
                    .isInstanceOfSatisfying(StatusRuntimeException.class, denied ->
                            assertThat(denied.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
            assertNoNacks();
        }
    }

    @Test
    void permissiveModeAdmitsEveryIdentityOfTheMesh() {
        publish(mesh(PERMISSIVE, "echo-server"));
        try (XdsEchoServer echo = echoServer(Duration.ofHours(1));
                XdsClientChannel mobileClient = client(MOBILE, Duration.ofHours(1))) {

            assertThat(EchoBackend.who(mobileClient.channel())).isEqualTo("echo-server");
        }
    }

    @Test
    void aClientExpectingAnotherServerIdentityFailsTheSanCheck() {
        Mesh actual = mesh(PERMISSIVE, "echo-server");
        Mesh expectedByWeb = mesh(PERMISSIVE, "someone-else");
        xds.publish(Map.of(web, translate(expectedByWeb, web), server, translate(actual, server)));
        try (XdsEchoServer echo = echoServer(Duration.ofHours(1));
                XdsClientChannel webClient = client(WEB, Duration.ofHours(1))) {

            assertThatThrownBy(() -> EchoBackend.who(webClient.channel()))
                    .isInstanceOfSatisfying(StatusRuntimeException.class, refused -> {
                        assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
                        assertThat(refused).hasStackTraceContaining("SAN");
                    });
        }
    }

    @Test
    void leafCertificatesRotateUnderTrafficWithoutAFailedCall() {
        Duration lifetime = Duration.ofSeconds(10);
        publish(mesh(WEB_MAY_CALL_ECHO, "echo-server"));
        try (XdsEchoServer echo = echoServer(lifetime);
                XdsClientChannel webClient = client(WEB, lifetime);
                ContinuousCalls calls = ContinuousCalls.start(webClient.channel())) {
            for (int rotation = 1; rotation <= 4; rotation++) {
                ca.writeFiles(directory(ECHO_SERVER), ECHO_SERVER, lifetime);
                ca.writeFiles(directory(WEB), WEB, lifetime);
                settle(calls);
            }

            assertThat(calls.stop()).as("failed calls").isEmpty();
            assertThat(calls.succeeded()).isGreaterThan(200);
        }
    }

    @Test
    void aRootRotationThroughEveryStageUnderTrafficFailsNoCall() {
        TestCa next = TestCa.create();
        TrustBundle both = ca.bundle().with(next.bundle().roots().getFirst());
        publish(mesh(WEB_MAY_CALL_ECHO, "echo-server"));
        try (XdsEchoServer echo = echoServer(Duration.ofHours(1));
                XdsClientChannel webClient = client(WEB, Duration.ofHours(1));
                ContinuousCalls calls = ContinuousCalls.start(webClient.channel())) {
            await().atMost(5, TimeUnit.SECONDS).until(() -> calls.succeeded() > 50);

            // stage 1: every bundle trusts the new root; the old root still signs
            controlPlaneTls.updateTrustBundle(both);
            rewrite(ca, both);
            settle(calls);
            // stage 2: the new root signs; bundles keep the old one
            controlPlaneTls.updateCertificate(next.serverCertificate());
            rewrite(next, both);
            settle(calls);
            // stage 3: the old root is dropped
            controlPlaneTls.updateTrustBundle(next.bundle());
            rewrite(next, next.bundle());
            settle(calls);

            assertThat(calls.stop()).as("failed calls").isEmpty();
        }
    }

    /** Gives every workload a new certificate from {@code signer} and {@code bundle} as its trust bundle. */
    private void rewrite(TestCa signer, TrustBundle bundle) {
        for (Identity identity : List.of(WEB, ECHO_SERVER)) {
            WorkloadFiles.write(directory(identity), signer.issue(identity), bundle);
        }
    }

    /**
     * Waits until every workload has re-read its files: file_watcher gives no signal, so two refresh
     * intervals and a few more answered calls.
     */
    private static void settle(ContinuousCalls calls) {
        int before = calls.succeeded();
        await().pollDelay(REFRESH.multipliedBy(2)).atMost(5, TimeUnit.SECONDS)
                .until(() -> calls.succeeded() > before + 50);
    }

    private Mesh mesh(String policy, String serverServiceAccount) {
        return new LoopbackCluster().client("web").client("mobile")
                .server(serverServiceAccount, Map.of("app", "echo"), port)
                .service("echo", Map.of("app", "echo"))
                .compile(policy);
    }

    private void publish(Mesh mesh) {
        xds.publish(Map.of(web, translate(mesh, web), mobile, translate(mesh, mobile), server, translate(mesh, server)));
    }

    private XdsEchoServer echoServer(Duration lifetime) {
        ca.writeFiles(directory(ECHO_SERVER), ECHO_SERVER, lifetime);
        return XdsEchoServer.start("echo-server", port, bootstrap(ECHO_SERVER, List.of(port)),
                transport -> transport.maxConnectionAge(1, TimeUnit.SECONDS)
                        .maxConnectionAgeGrace(5, TimeUnit.SECONDS));
    }

    private XdsClientChannel client(Identity identity, Duration lifetime) {
        ca.writeFiles(directory(identity), identity, lifetime);
        return XdsClientChannel.open(bootstrap(identity, List.of()), ECHO);
    }

    private Map<String, ?> bootstrap(Identity identity, List<Integer> ports) {
        return Bootstraps.grpc(new BootstrapSpec(identity, identity.serviceAccount() + "-0", Flavour.GRPC, "localhost",
                xds.port(), ports, Optional.of(directory(identity).toString()), false), REFRESH);
    }

    private Path directory(Identity identity) {
        return certificates.resolve(identity.serviceAccount());
    }

    private void assertNoNacks() {
        for (ProxyStatus proxy : xds.server().proxies()) {
            for (ResourceType type : ResourceType.values()) {
                assertThat(proxy.lastNack(type)).as("%s %s", proxy.nodeId(), type).isEmpty();
            }
        }
    }

    private static ProxyConfig translate(Mesh mesh, SnapshotGroup group) {
        return new Translator().translate(mesh, group, TranslateOptions.defaults());
    }
}
