package io.gitmesh.app.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.StringValue;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import io.gitmesh.app.cli.GitmeshCommand;
import io.gitmesh.app.cli.TestCompilers;
import io.gitmesh.ca.Fingerprint;
import io.gitmesh.ca.IssuedCertificate;
import io.gitmesh.ca.rotation.CaState;
import io.gitmesh.ca.rotation.RootRotation;
import io.gitmesh.ca.store.CertificateChains;
import io.gitmesh.ca.store.FileCaStore;
import io.gitmesh.model.Identity;
import io.gitmesh.reconciler.files.DirectoryGitSource;
import io.gitmesh.reconciler.files.DirectorySource;
import io.gitmesh.reconciler.source.PolicyPaths;
import io.gitmesh.schema.Limits;
import io.gitmesh.xds.Flavour;
import io.gitmesh.xds.bootstrap.BootstrapSpec;
import io.gitmesh.xds.testing.Bootstraps;
import io.gitmesh.xds.testing.ContinuousCalls;
import io.gitmesh.xds.testing.EchoBackend;
import io.gitmesh.xds.testing.XdsClientChannel;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCalls;
import io.grpc.xds.XdsServerBuilder;
import io.grpc.xds.XdsServerCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * Issue 5's root rotation end to end, driven by {@code gitmesh run} itself: {@code gitmesh ca rotate-root}
 * on the CA directory, then the control plane carries the rotation through every stage — watched in
 * {@code /status} — while a grpc-java xDS client calls a grpc-java xDS server without pause over mTLS with
 * the files the control plane wrote, and a hand-driven Envoy stream holds each stage by not yet accepting
 * its secrets. Also: a control plane restarted mid-rotation resumes the stage with the same roots.
 */
class RootRotationRunTest {
    private static final Identity WEB = new Identity("shop", "web");
    private static final Identity ECHO_SERVER = new Identity("shop", "echo-server");
    private static final String TARGET = "echo.shop.svc.cluster.local:50051";
    private static final Duration REFRESH = Duration.ofSeconds(1);
    private static final XdsSecurity.RootRotationTiming QUICK = new XdsSecurity.RootRotationTiming(
            Duration.ofMillis(200), REFRESH);

    @TempDir
    Path tmp;
    private Path caDir;
    private final int echoPort = freePort();
    private final List<AutoCloseable> running = new ArrayList<>();
    private ControlPlane plane;

    @BeforeEach
    void writeRepositoryAndCluster() throws IOException {
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        Files.writeString(repo.resolve("mesh.yaml"), EchoMesh.MESH);
        Files.writeString(tmp.resolve("cluster.yaml"), """
                apiVersion: v1
                kind: ServiceAccount
                metadata: {name: web, namespace: shop}
                ---
                apiVersion: v1
                kind: ServiceAccount
                metadata: {name: echo-server, namespace: shop}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: echo, namespace: shop}
                spec:
                  selector: {app: echo}
                  ports: [{name: grpc, port: 50051, targetPort: grpc, appProtocol: grpc}]
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: echo-server-0, namespace: shop, labels: {app: echo}}
                spec:
                  serviceAccountName: echo-server
                  containers: [{name: echo, ports: [{name: grpc, containerPort: %d}]}]
                status: {podIP: 127.0.0.1}
                """.formatted(echoPort));
        caDir = tmp.resolve("ca");
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable resource : running.reversed()) {
            resource.close();
        }
        if (plane != null) {
            plane.close();
        }
    }

    @Test
    void everyStageUnderTrafficFailsNoCallAndEndsWithTheNewRootAlone() throws Exception {
        plane = startPlane(QUICK);
        StatusPage status = new StatusPage(plane);
        Fingerprint oldRoot = storedRotation().oldRoot();
        Path webFiles = tmp.resolve("web");
        plane.writeWorkloadFiles(WEB, Duration.ofHours(1), webFiles);
        plane.writeWorkloadFiles(ECHO_SERVER, Duration.ofHours(1), tmp.resolve("echo-server"));
        Server echo = echoServer(tmp.resolve("echo-server"));
        keep(echo::shutdownNow);
        XdsClientChannel client = keep(XdsClientChannel.open(bootstrap(WEB, "web-0", List.of(), webFiles), TARGET));
        ContinuousCalls calls = keep(ContinuousCalls.start(client.channel()));
        await().atMost(Duration.ofSeconds(20)).until(() -> calls.succeeded() > 50);
        HandDrivenEnvoy envoy = keep(HandDrivenEnvoy.connect(plane.xdsAddress().getPort(), stored()));
        envoy.accept(envoy.next());

        assertThat(rotateRoot()).isZero();
        Fingerprint newRoot = storedRotation().newRoot().orElseThrow();

        // stage 1: the bundles trust both roots; the Envoy holds the stage until it accepts its new bundle
        status.awaitStage("trusting-new-root", "1 proxies have not yet acknowledged a trust bundle with the new root");
        assertThat(status.roots()).containsExactly(oldRoot.toString(), newRoot.toString());
        DiscoveryResponse trusting = envoy.next();
        assertThat(HandDrivenEnvoy.bundleOf(trusting)).containsExactly(oldRoot, newRoot);
        envoy.accept(trusting);

        // stage 2: the new root signs; the Envoy holds the stage until it accepts its new certificate
        status.awaitStage("issuing-from-new-root", "1 live certificates still chain to the old root");
        assertThat(status.read().path("ca").path("signingRoot").asString()).isEqualTo(newRoot.toString());
        DiscoveryResponse issuing = envoy.next();
        assertThat(HandDrivenEnvoy.issuerOf(issuing)).isEqualTo(newRoot);
        envoy.accept(issuing);

        // settled: the old root is dropped everywhere
        status.awaitStage("settled", null);
        assertThat(status.roots()).containsExactly(newRoot.toString());
        assertThat(HandDrivenEnvoy.bundleOf(envoy.next())).containsExactly(newRoot);
        int settledAt = calls.succeeded();
        await().pollDelay(REFRESH.multipliedBy(2)).atMost(Duration.ofSeconds(10))
                .until(() -> calls.succeeded() > settledAt + 50);

        assertThat(calls.stop()).as("failed calls").isEmpty();
        assertThat(stored().rotation()).isEqualTo(RootRotation.settled(newRoot));
        assertThat(stored().next()).isEmpty();
        try (Stream<Path> files = Files.list(caDir)) {
            assertThat(files.map(file -> file.getFileName().toString()).filter(name -> !name.startsWith(".")))
                    .containsExactlyInAnyOrder("root.pem", "root-key.pem");
        }
    }

    @ParameterizedTest(name = "stopped in {0}")
    @ValueSource(strings = {"trusting-new-root", "issuing-from-new-root"})
    void aControlPlaneRestartedMidRotationResumesTheStageWithTheSameRoots(String stage) throws Exception {
        plane = startPlane(QUICK);
        HandDrivenEnvoy envoy = keep(HandDrivenEnvoy.connect(plane.xdsAddress().getPort(), stored()));
        envoy.accept(envoy.next());
        rotateRoot();
        new StatusPage(plane).awaitStage("trusting-new-root", "1 proxies have not yet acknowledged");
        if (stage.equals("issuing-from-new-root")) {
            envoy.accept(envoy.next());
            new StatusPage(plane).awaitStage(stage, "1 live certificates still chain to the old root");
        }
        RootRotation before = storedRotation();
        plane.close();

        // checked only when the test says, so nothing moves on before the stage is looked at
        plane = startPlane(new XdsSecurity.RootRotationTiming(Duration.ofHours(1), REFRESH));

        JsonNode resumed = new StatusPage(plane).rotation();
        assertThat(resumed.path("stage").asString()).isEqualTo(stage);
        assertThat(resumed.path("oldRoot").asString()).isEqualTo(before.oldRoot().toString());
        assertThat(resumed.path("newRoot").asString()).isEqualTo(before.newRoot().orElseThrow().toString());
        IssuedCertificate issued = plane.writeWorkloadFiles(WEB, Duration.ofHours(1), tmp.resolve("web"));
        assertThat(Fingerprint.of(issued.root())).isEqualTo(before.signingRoot());
        assertThat(CertificateChains.parse(Files.readString(tmp.resolve("web").resolve("ca.pem"))).stream()
                .map(Fingerprint::of).toList()).isEqualTo(before.bundle());

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
            plane.checkRootRotation();
            return storedRotation().equals(RootRotation.settled(before.newRoot().orElseThrow()));
        });
    }

    private ControlPlane startPlane(XdsSecurity.RootRotationTiming timing) throws IOException {
        DirectorySource files = new DirectorySource(Limits.DEFAULT);
        return ControlPlane.start(new ControlPlane.Settings(new InetSocketAddress("127.0.0.1", 0),
                        new InetSocketAddress("127.0.0.1", 0), Duration.ofHours(1),
                        new XdsSecurity.MutualTls(caDir, "cluster.local", "localhost").withRotation(timing),
                        Optional.empty()),
                new DirectoryGitSource(tmp.resolve("repo"), files, Clock.systemUTC()), PolicyPaths.WHOLE_TREE,
                () -> {
                    try {
                        return files.read(tmp.resolve("cluster.yaml"));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }, TestCompilers.continuous());
    }

    /** What an operator runs: {@code gitmesh ca rotate-root --dir CA}. */
    private int rotateRoot() {
        return GitmeshCommand.commandLine().execute("ca", "rotate-root", "--dir", caDir.toString());
    }


    private Server echoServer(Path certificates) throws IOException {
        ServerServiceDefinition echo = ServerServiceDefinition.builder("mesh.Echo")
                .addMethod(EchoBackend.WHO, ServerCalls.asyncUnaryCall((request, response) -> {
                    response.onNext(StringValue.of("echo-server"));
                    response.onCompleted();
                }))
                .build();
        XdsServerBuilder builder = XdsServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", echoPort),
                        XdsServerCredentials.create(InsecureServerCredentials.create()))
                .overrideBootstrapForTest(bootstrap(ECHO_SERVER, "echo-server-0", List.of(echoPort), certificates))
                .addService(echo);
        // connections end every second, so new handshakes keep testing the certificates of the moment
        ((NettyServerBuilder) builder.transportBuilder()).maxConnectionAge(1, TimeUnit.SECONDS)
                .maxConnectionAgeGrace(5, TimeUnit.SECONDS);
        return builder.build().start();
    }

    private Map<String, ?> bootstrap(Identity identity, String pod, List<Integer> ports, Path certificates) {
        return Bootstraps.grpc(new BootstrapSpec(identity, pod, Flavour.GRPC, "localhost", plane.xdsAddress().getPort(),
                ports, Optional.of(certificates.toString()), false), REFRESH);
    }




    private CaState stored() {
        return new FileCaStore(caDir).load().orElseThrow();
    }

    private RootRotation storedRotation() {
        return stored().rotation();
    }




    private <T extends AutoCloseable> T keep(T resource) {
        running.add(resource);
        return resource;
    }

    private static int freePort() {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
