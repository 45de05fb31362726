package io.gitmesh.app.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.gitmesh.app.cli.TestCompilers;
import io.gitmesh.reconciler.files.DirectoryGitSource;
import io.gitmesh.reconciler.files.DirectorySource;
import io.gitmesh.reconciler.kube.Leadership;
import io.gitmesh.reconciler.source.PolicyPaths;
import io.gitmesh.schema.Limits;
import io.gitmesh.xds.Flavour;
import io.gitmesh.xds.SnapshotGroup;
import io.gitmesh.xds.testing.EchoBackend;
import io.gitmesh.xds.testing.XdsClientChannel;
import io.grpc.Channel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gitmesh run --cluster kube} end to end against fabric8's CRUD API server: the cluster comes
 * from informers, an EndpointSlice change reaches grpc-java's xDS client with no commit and no
 * trigger, and the leader mirrors the policy's SMI objects into the cluster.
 */
@EnableKubernetesMockClient(crud = true)
class LiveClusterEndToEndTest {
    KubernetesClient client;

    @TempDir
    Path repo;
    private EchoBackend v2;
    private EchoBackend v2b;
    private ControlPlane plane;
    private XdsClientChannel xdsClient;

    @BeforeEach
    void start() throws IOException {
        v2 = EchoBackend.start("v2");
        v2b = EchoBackend.start("v2b");
        Files.writeString(repo.resolve("mesh.yaml"), EchoMesh.MESH);
        Files.writeString(repo.resolve("split.yaml"), EchoMesh.SPLIT.formatted(0, 100));
        MockCluster.createTrafficSplitCrd(client);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("shop")
                .addToLabels("gitmesh.io/inject", "enabled").endMetadata().build()).create();
        MockCluster.apply(client, EchoMesh.clusterState(List.of(50_999), List.of(v2.port())));

        KubernetesRuntime.Settings defaults = KubernetesRuntime.Settings.defaults("gitmesh-system", "replica-0");
        KubernetesRuntime.Settings settings = defaults.withLeadership(new Leadership.Settings("gitmesh-system",
                "gitmesh-leader", "replica-0", Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofMillis(200)));
        DirectorySource files = new DirectorySource(Limits.DEFAULT);
        plane = ControlPlane.start(new ControlPlane.Settings(new InetSocketAddress("127.0.0.1", 0),
                        new InetSocketAddress("127.0.0.1", 0), Duration.ofHours(1), XdsSecurity.insecure(),
                        Optional.empty()),
                new DirectoryGitSource(repo, files, Clock.systemUTC()), PolicyPaths.WHOLE_TREE,
                new ClusterSource.Kubernetes(client, settings), TestCompilers.continuous());
        xdsClient = XdsClientChannel.open(plane.xdsAddress().getPort(), "shop/web-0",
                SnapshotGroup.of("shop", "web", Flavour.GRPC), EchoMesh.TARGET);
    }

    @AfterEach
    void stop() {
        xdsClient.close();
        plane.close();
        client.close(); // its watches end before the mock server stops
        v2.close();
        v2b.close();
    }

    @Test
    void anEndpointSliceChangeReachesTheClientWithoutACommit() {
        Channel channel = xdsClient.channel();
        await().atMost(Duration.ofSeconds(30)).until(() -> EchoMesh.whoAnswers(channel, 20).equals(List.of("v2")));

        long added = System.nanoTime();
        MockCluster.apply(client, EchoMesh.clusterState(List.of(), List.of(v2b.port())));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> EchoMesh.whoAnswers(channel, 40).equals(List.of("v2", "v2b")));
        System.out.printf("EndpointSlice added: traffic followed in %d ms%n",
                Duration.ofNanos(System.nanoTime() - added).toMillis());

        client.discovery().v1().endpointSlices().inNamespace("shop").withName("echo-v2-" + v2.port()).delete();
        await().atMost(Duration.ofSeconds(30)).until(() -> EchoMesh.whoAnswers(channel, 20).equals(List.of("v2b")));
    }

    @Test
    void theLeaderMirrorsThePolicysSmiObjectsIntoTheCluster() {
        await().atMost(Duration.ofSeconds(10)).until(() -> plane.leading().orElse(false));

        GenericKubernetesResource split = await().atMost(Duration.ofSeconds(20)).until(() -> client
                .genericKubernetesResources(new ResourceDefinitionContext.Builder().withGroup("split.smi-spec.io")
                        .withVersion("v1alpha4").withPlural("trafficsplits").withNamespaced(true).build())
                .inNamespace("shop").withName("echo").get(), found -> found != null);

        assertThat(split.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "gitmesh");
        assertThat(split.getMetadata().getAnnotations()).containsEntry("gitmesh.io/source-file", "split.yaml:1");
        String status = await().atMost(Duration.ofSeconds(10)).until(this::status,
                json -> json.contains("\"writtenCommit\" : \""));
        assertThat(status).contains("\"leading\" : true", "\"leader\" : \"replica-0\"", "\"active\" : true");
    }

    private String status() throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + plane.httpAddress().getPort() + "/status")).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
