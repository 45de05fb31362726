package io.gitmesh.app.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.gitmesh.app.cli.TestCompilers;
import io.gitmesh.reconciler.files.DirectoryGitSource;
import io.gitmesh.reconciler.files.DirectorySource;
import io.gitmesh.reconciler.kube.Leadership;
import io.gitmesh.reconciler.source.PolicyPaths;
import io.gitmesh.schema.Limits;
import java.io.IOException;
import java.net.InetSocketAddress;
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
 * Two replicas of {@code gitmesh run --cluster kube} against one API server (issue 7): both serve the
 * same xDS, only the leader writes the SMI mirror, and stopping the leader moves the writing to the other.
 */
@EnableKubernetesMockClient(crud = true)
class ReplicasTest {
    private static final ResourceDefinitionContext TRAFFIC_SPLITS = new ResourceDefinitionContext.Builder()
            .withGroup("split.smi-spec.io").withVersion("v1alpha4").withPlural("trafficsplits").withNamespaced(true)
            .build();

    KubernetesClient client;
    @TempDir
    Path repo;
    private ControlPlane first;
    private ControlPlane second;

    @BeforeEach
    void start() throws IOException {
        Files.writeString(repo.resolve("split.yaml"), EchoMesh.SPLIT.formatted(100, 0));
        MockCluster.createTrafficSplitCrd(client);
        MockCluster.apply(client, EchoMesh.clusterState(List.of(50_001), List.of(50_002)).replace("""
                apiVersion: v1
                kind: ServiceAccount""", """
                apiVersion: v1
                kind: Namespace
                metadata: {name: shop, labels: {gitmesh.io/inject: enabled}}
                ---
                apiVersion: v1
                kind: ServiceAccount"""));
        first = replica("replica-a");
        await().atMost(Duration.ofSeconds(10)).until(() -> first.leading().orElse(false));
        second = replica("replica-b");
    }

    @AfterEach
    void stop() {
        second.close();
        first.close();
        client.close(); // its watches end before the mock server stops
    }

    @Test
    void bothServeTheSameConfigOnlyTheLeaderWritesAndStoppingItHandsTheWritingOver() throws IOException {
        await().atMost(Duration.ofSeconds(20)).until(() -> writtenCommit().isPresent() && !reporters().isEmpty());
        assertThat(second.leading()).contains(false);
        assertThat(second.served()).isEqualTo(first.served());
        assertThat(reporters()).as("the replicas that wrote Events").containsOnly("replica-a");

        first.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> second.leading().orElse(false));

        Files.writeString(repo.resolve("split.yaml"), EchoMesh.SPLIT.formatted(50, 50));
        second.trigger();
        String commit = await().atMost(Duration.ofSeconds(20)).until(() -> second.reconciler().status().lastApplied()
                .map(c -> c.id().hex()).orElse(""), id -> !id.isEmpty() && writtenCommit().equals(Optional.of(id)));
        assertThat(commit).isNotEmpty();
        await().atMost(Duration.ofSeconds(10)).until(() -> reporters().contains("replica-b"));
    }

    private List<String> reporters() {
        return client.events().v1().events().inNamespace("gitmesh-system").list().getItems().stream()
                .map(event -> event.getReportingInstance()).distinct().toList();
    }

    /** The commit the mirrored TrafficSplit says it was written from. */
    private Optional<String> writtenCommit() {
        GenericKubernetesResource split = client.genericKubernetesResources(TRAFFIC_SPLITS).inNamespace("shop")
                .withName("echo").get();
        return Optional.ofNullable(split).map(s -> s.getMetadata().getAnnotations().get("gitmesh.io/source-commit"));
    }

    private ControlPlane replica(String name) throws IOException {
        KubernetesRuntime.Settings defaults = KubernetesRuntime.Settings.defaults("gitmesh-system", name);
        return ControlPlane.start(new ControlPlane.Settings(new InetSocketAddress("127.0.0.1", 0),
                        new InetSocketAddress("127.0.0.1", 0), Duration.ofHours(1), XdsSecurity.insecure(),
                        Optional.empty()),
                new DirectoryGitSource(repo, new DirectorySource(Limits.DEFAULT), Clock.systemUTC()),
                PolicyPaths.WHOLE_TREE, new ClusterSource.Kubernetes(client, defaults.withLeadership(
                        new Leadership.Settings("gitmesh-system", "gitmesh-leader", name, Duration.ofSeconds(3),
                                Duration.ofSeconds(2), Duration.ofMillis(200)))),
                TestCompilers.continuous());
    }
}
