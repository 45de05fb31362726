package io.gitmesh.app.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gitmesh.app.cli.TestCompilers;
import io.gitmesh.reconciler.files.DirectoryGitSource;
import io.gitmesh.reconciler.files.DirectorySource;
import io.gitmesh.reconciler.loop.Outcome;
import io.gitmesh.reconciler.source.PolicyPaths;
import io.gitmesh.schema.Limits;
import io.gitmesh.schema.SourceFiles;
import io.gitmesh.xds.Flavour;
import io.gitmesh.xds.SnapshotGroup;
import io.gitmesh.xds.testing.EchoBackend;
import io.gitmesh.xds.testing.XdsClientChannel;
import io.grpc.Channel;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gitmesh run} end to end: a policy directory followed by the reconciler, served by the ADS
 * server to grpc-java's own xDS client, with real gRPC servers on loopback as the endpoints. Edits
 * to the files are the "commits".
 */
class RunEndToEndTest {
    private static final String TARGET = EchoMesh.TARGET;
    private static final String MESH = EchoMesh.MESH;
    private static final String SPLIT = EchoMesh.SPLIT;

    @TempDir
    Path tmp;
    private Path repo;
    private Path cluster;
    private EchoBackend v1;
    private EchoBackend v2;
    private EchoBackend v2b;
    private ControlPlane plane;
    private XdsClientChannel client;

    @BeforeEach
    void start() throws IOException {
        v1 = EchoBackend.start("v1");
        v2 = EchoBackend.start("v2");
        v2b = EchoBackend.start("v2b");
        repo = Files.createDirectories(tmp.resolve("repo"));
        cluster = tmp.resolve("cluster.yaml");
        write(repo.resolve("mesh.yaml"), MESH);
        write(repo.resolve("split.yaml"), SPLIT.formatted(100, 0));
        write(cluster, EchoMesh.clusterState(List.of(v1.port()), List.of(v2.port())));
        DirectorySource files = new DirectorySource(Limits.DEFAULT);
        plane = ControlPlane.start(new ControlPlane.Settings(new InetSocketAddress("127.0.0.1", 0),
                        new InetSocketAddress("127.0.0.1", 0), Duration.ofHours(1), XdsSecurity.insecure(),
                        Optional.empty()),
                new DirectoryGitSource(repo, files, java.time.Clock.systemUTC()), PolicyPaths.WHOLE_TREE,
                () -> read(files, cluster), TestCompilers.continuous());
        client = XdsClientChannel.open(plane.xdsAddress().getPort(), "shop/web-0",
                SnapshotGroup.of("shop", "web", Flavour.GRPC), TARGET);
    }

    @AfterEach
    void stop() {
        client.close();
        plane.close();
        v1.close();
        v2.close();
        v2b.close();
    }

    @Test
    void aFileChangeMovesTheSplitAndABadOverrideNeverReachesTheClient() {
        Channel channel = client.channel();
        await().atMost(Duration.ofSeconds(30)).until(() -> EchoMesh.whoAnswers(channel, 20).equals(List.of("v1")));

        write(repo.resolve("split.yaml"), SPLIT.formatted(0, 100));
        long changed = System.nanoTime();
        plane.trigger();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10))
                .until(() -> EchoMesh.whoAnswers(channel, 20).equals(List.of("v2")));
        long millis = Duration.ofNanos(System.nanoTime() - changed).toMillis();
        System.out.printf("split 100/0 -> 0/100: traffic moved %d ms after the file change%n", millis);

        write(repo.resolve("override.yaml"), """
                apiVersion: gitmesh.io/v1alpha1
                kind: EnvoyOverride
                metadata: {name: bad, namespace: shop}
                spec:
                  patches:
                  - target: {type: Cluster, name: "shop/echo-v2:50051"}
                    operation: merge
                    value: {connect_timeoutz: 1s}
                """);
        plane.trigger();
        await().atMost(Duration.ofSeconds(30)).until(() -> plane.reconciler().status().lastOutcome()
                .filter(Outcome.Refused.class::isInstance).isPresent());
        Outcome.Refused refused = (Outcome.Refused) plane.reconciler().status().lastOutcome().orElseThrow();
        assertThat(refused.errors()).anySatisfy(d -> {
            assertThat(d.file()).isEqualTo("override.yaml");
            assertThat(d.line()).isEqualTo(8);
            assertThat(d.message()).contains("connect_timeoutz");
        });
        assertThat(EchoMesh.whoAnswers(channel, 50)).containsExactly("v2");
        String status = httpGet("/status");
        assertThat(status).contains("\"outcome\" : \"refused\"")
                .contains(refused.commit().id().hex()).contains("override.yaml:8:");
        assertThat(plane.served().values()).noneMatch(config -> config.clusters().stream()
                .anyMatch(c -> c.getConnectTimeout().getSeconds() == 1));
    }

    @Test
    void endpointsAddedAndRemovedTakeTrafficWithoutErrors() {
        write(repo.resolve("split.yaml"), SPLIT.formatted(0, 100));
        plane.trigger();
        Channel channel = client.channel();
        await().atMost(Duration.ofSeconds(30)).until(() -> EchoMesh.whoAnswers(channel, 20).equals(List.of("v2")));
        AtomicInteger failures = new AtomicInteger();

        write(cluster, EchoMesh.clusterState(List.of(v1.port()), List.of(v2.port(), v2b.port())));
        plane.trigger();
        await().atMost(Duration.ofSeconds(30)).until(() -> countingFailures(channel, 40, failures)
                .equals(List.of("v2", "v2b")));

        write(cluster, EchoMesh.clusterState(List.of(v1.port()), List.of(v2b.port())));
        plane.trigger();
        await().atMost(Duration.ofSeconds(30)).until(() -> countingFailures(channel, 20, failures)
                .equals(List.of("v2b")));
        assertThat(failures).as("RPCs failed while endpoints changed").hasValue(0);
    }


    @Test
    void aProxyDeclaringOtherServedPortsStillGetsItsIdentitysConfig() {
        try (XdsClientChannel declaring = XdsClientChannel.open(plane.xdsAddress().getPort(), "shop/web-1",
                new SnapshotGroup("shop", "web", Flavour.GRPC, List.of(9999)), TARGET)) {
            Channel channel = declaring.channel();

            await().atMost(Duration.ofSeconds(30)).until(() -> EchoMesh.whoAnswers(channel, 20).equals(List.of("v1")));
        }
    }

    private static List<String> countingFailures(Channel channel, int calls, AtomicInteger failures) {
        try {
            return EchoMesh.whoAnswers(channel, calls);
        } catch (StatusRuntimeException e) {
            failures.incrementAndGet();
            return List.of();
        }
    }

    private String httpGet(String path) {
        try {
            return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + plane.httpAddress().getPort() + path)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static SourceFiles read(DirectorySource files, Path path) {
        try {
            return files.read(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path path, String text) {
        try {
            Files.writeString(path, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
