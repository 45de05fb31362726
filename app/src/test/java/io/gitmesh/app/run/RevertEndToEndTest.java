package io.gitmesh.app.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.envoyproxy.controlplane.cache.Resources.ResourceType;
import io.gitmesh.app.cli.TestCompilers;
import io.gitmesh.reconciler.files.DirectorySource;
import io.gitmesh.reconciler.git.JGitSource;
import io.gitmesh.reconciler.loop.Outcome;
import io.gitmesh.reconciler.source.GitRepositoryConfig;
import io.gitmesh.reconciler.source.PolicyPaths;
import io.gitmesh.reconciler.source.Reference;
import io.gitmesh.schema.Limits;
import io.gitmesh.xds.Flavour;
import io.gitmesh.xds.ProxyConfig;
import io.gitmesh.xds.SnapshotGroup;
import io.gitmesh.xds.server.ProxyStatus;
import io.gitmesh.xds.testing.EchoBackend;
import io.gitmesh.xds.testing.XdsClientChannel;
import io.gitmesh.xds.translate.ProxyConfigJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code git revert} is the rollback: commit A served → commit B (a split change) served →
 * {@code git revert B} served, and what is served after the revert is byte for byte what was served
 * for A, with the same version strings — as rendered, and as ACKed by grpc-java's xDS client.
 */
class RevertEndToEndTest {
    @TempDir
    Path tmp;

    @Test
    void aRevertRestoresTheExactConfigOfTheCommitBefore() throws Exception {
        try (EchoBackend v1 = EchoBackend.start("v1"); EchoBackend v2 = EchoBackend.start("v2");
                Git git = Git.init().setDirectory(tmp.resolve("policy").toFile()).setInitialBranch("main").call()) {
            Path work = git.getRepository().getWorkTree().toPath();
            Path cluster = tmp.resolve("cluster.yaml");
            Files.writeString(cluster, EchoMesh.clusterState(List.of(v1.port()), List.of(v2.port())));
            Files.writeString(work.resolve("mesh.yaml"), EchoMesh.MESH);
            commit(git, work, EchoMesh.SPLIT.formatted(100, 0), "A: all to v1");
            DirectorySource files = new DirectorySource(Limits.DEFAULT);
            try (JGitSource source = new JGitSource(GitRepositoryConfig.of(work.toUri().toString(),
                    new Reference.Branch("main")), tmp.resolve("cache"), Limits.DEFAULT);
                    ControlPlane plane = ControlPlane.start(new ControlPlane.Settings(
                            new InetSocketAddress("127.0.0.1", 0), new InetSocketAddress("127.0.0.1", 0),
                            Duration.ofHours(1), XdsSecurity.insecure(), Optional.empty()), source, PolicyPaths.WHOLE_TREE,
                            () -> readCluster(files, cluster), TestCompilers.continuous());
                    XdsClientChannel client = XdsClientChannel.open(plane.xdsAddress().getPort(), "shop/web-0",
                            SnapshotGroup.of("shop", "web", Flavour.GRPC), EchoMesh.TARGET)) {
                await().atMost(Duration.ofSeconds(30)).until(() -> EchoMesh.whoAnswers(client.channel(), 20)
                        .equals(List.of("v1")));
                Map<SnapshotGroup, String> servedA = versions(plane.served());
                String renderedA = ProxyConfigJson.print(web(plane));
                Map<ResourceType, String> ackedA = acked(plane);

                RevCommit b = commit(git, work, EchoMesh.SPLIT.formatted(0, 100), "B: all to v2");
                plane.trigger();
                await().atMost(Duration.ofSeconds(30)).until(() -> EchoMesh.whoAnswers(client.channel(), 20)
                        .equals(List.of("v2")));
                assertThat(versions(plane.served())).isNotEqualTo(servedA);

                RevCommit reverted = git.revert().include(b).call();
                plane.trigger();
                await().atMost(Duration.ofSeconds(30)).until(() -> plane.reconciler().status().lastApplied()
                        .filter(c -> c.id().hex().equals(reverted.name())).isPresent());
                await().atMost(Duration.ofSeconds(30)).until(() -> acked(plane).equals(ackedA));

                assertThat(plane.reconciler().status().lastOutcome()).containsInstanceOf(Outcome.Applied.class);
                assertThat(versions(plane.served())).isEqualTo(servedA);
                assertThat(ProxyConfigJson.print(web(plane))).isEqualTo(renderedA);
                assertThat(EchoMesh.whoAnswers(client.channel(), 20)).containsExactly("v1");
            }
        }
    }

    private static RevCommit commit(Git git, Path work, String split, String message) throws Exception {
        Files.writeString(work.resolve("split.yaml"), split);
        git.add().addFilepattern(".").call();
        return git.commit().setMessage(message).setAuthor("dev", "dev@example.com")
                .setCommitter("dev", "dev@example.com").setSign(false).call();
    }

    private static Map<SnapshotGroup, String> versions(Map<SnapshotGroup, ProxyConfig> served) {
        Map<SnapshotGroup, String> versions = new TreeMap<>();
        served.forEach((group, config) -> versions.put(group, config.version()));
        return versions;
    }

    private static ProxyConfig web(ControlPlane plane) {
        return plane.served().get(SnapshotGroup.of("shop", "web", Flavour.GRPC));
    }

    /** The versions the connected gRPC client has ACKed, by type. */
    private static Map<ResourceType, String> acked(ControlPlane plane) {
        Map<ResourceType, String> acked = new EnumMap<>(ResourceType.class);
        for (ProxyStatus proxy : plane.proxies()) {
            for (ResourceType type : List.of(ResourceType.LISTENER, ResourceType.ROUTE, ResourceType.CLUSTER,
                    ResourceType.ENDPOINT)) {
                proxy.ackedVersion(type).ifPresent(v -> acked.put(type, v));
            }
        }
        return acked;
    }

    private static io.gitmesh.schema.SourceFiles readCluster(DirectorySource files, Path cluster) {
        try {
            return files.read(cluster);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
