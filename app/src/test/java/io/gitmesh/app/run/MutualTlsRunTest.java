package io.gitmesh.app.run;

import static io.envoyproxy.controlplane.cache.Resources.V3.SECRET_TYPE_URL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.Any;
import io.envoyproxy.controlplane.cache.Resources.ResourceType;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.Secret;
import io.gitmesh.app.cli.TestCompilers;
import io.gitmesh.ca.Fingerprint;
import io.gitmesh.ca.IssuedCertificate;
import io.gitmesh.ca.TrustBundle;
import io.gitmesh.ca.store.FileCaStore;
import io.gitmesh.model.Identity;
import io.gitmesh.reconciler.files.DirectoryGitSource;
import io.gitmesh.reconciler.files.DirectorySource;
import io.gitmesh.reconciler.source.PolicyPaths;
import io.gitmesh.schema.Limits;
import io.gitmesh.schema.SourceFiles;
import io.gitmesh.xds.Flavour;
import io.gitmesh.xds.SnapshotGroup;
import io.gitmesh.xds.bootstrap.BootstrapSpec;
import io.gitmesh.xds.testing.Bootstraps;
import io.gitmesh.xds.testing.MutualTlsChannels;
import io.gitmesh.xds.testing.Nodes;
import io.gitmesh.xds.testing.SotwStream;
import io.gitmesh.xds.testing.XdsClientChannel;
import io.grpc.ManagedChannel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gitmesh run} over mTLS, the default: the CA directory created on first start and reused, a
 * proxyless gRPC workload reaching the server with the bootstrap and files gitmesh writes, and an Envoy
 * sidecar receiving its SDS secrets.
 */
class MutualTlsRunTest {
    private static final Identity WEB = new Identity("shop", "web");

    @TempDir
    Path tmp;
    private Path caDir;
    private ControlPlane plane;

    @BeforeEach
    void start() throws IOException {
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        Files.writeString(repo.resolve("mesh.yaml"), EchoMesh.MESH);
        Files.writeString(repo.resolve("split.yaml"), EchoMesh.SPLIT.formatted(100, 0));
        Files.writeString(tmp.resolve("cluster.yaml"), EchoMesh.clusterState(List.of(50_001), List.of(50_002)));
        caDir = tmp.resolve("ca");
        plane = startPlane();
    }

    @AfterEach
    void stop() {
        plane.close();
    }

    @Test
    void theCaIsCreatedOnFirstStartAndCertificatesIssuedBeforeARestartStillVerify() throws IOException {
        Fingerprint root = new FileCaStore(caDir).load().orElseThrow().current().root().fingerprint();
        IssuedCertificate before = plane.writeWorkloadFiles(WEB, Duration.ofHours(1), tmp.resolve("web"));
        plane.close();

        plane = startPlane();

        assertThat(new FileCaStore(caDir).load().orElseThrow().current().root().fingerprint()).isEqualTo(root);
        assertThat(secretNames(before)).containsExactly("certificate:shop/web", "trust-bundle:cluster.local");
    }

    @Test
    void anEnvoySidecarReceivesItsOwnSecretsOverMutualTls() {
        IssuedCertificate web = plane.writeWorkloadFiles(WEB, Duration.ofHours(1), tmp.resolve("web"));

        assertThat(secretNames(web)).containsExactly("certificate:shop/web", "trust-bundle:cluster.local");
    }

    @Test
    void aProxylessWorkloadConnectsWithTheBootstrapAndFilesGitmeshWrites() {
        Path certificates = tmp.resolve("web");
        plane.writeWorkloadFiles(WEB, Duration.ofHours(1), certificates);
        BootstrapSpec spec = new BootstrapSpec(WEB, "web-0", Flavour.GRPC, "localhost", plane.xdsAddress().getPort(),
                List.of(), Optional.of(certificates.toString()), false);

        try (XdsClientChannel client = XdsClientChannel.open(Bootstraps.grpc(spec, Duration.ofSeconds(60)),
                EchoMesh.TARGET)) {
            client.channel().getState(true);

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(plane.proxies())
                    .anySatisfy(proxy -> {
                        assertThat(proxy.nodeId()).isEqualTo("shop/web-0");
                        assertThat(proxy.ackedVersion(ResourceType.LISTENER)).isPresent();
                    }));
        }
    }

    /** The secrets the Envoy group of {@code certificate}'s identity receives over a stream presenting it. */
    private List<String> secretNames(IssuedCertificate certificate) {
        TrustBundle bundle = TrustBundle.of("cluster.local", certificate.root());
        ManagedChannel channel = MutualTlsChannels.presenting(plane.xdsAddress().getPort(), certificate, bundle);
        try (SotwStream stream = SotwStream.open(channel, Nodes.of("shop/web-1",
                SnapshotGroup.of("shop", "web", Flavour.ENVOY)), true)) {
            stream.request(SECRET_TYPE_URL, List.of());
            return stream.next(SECRET_TYPE_URL).getResourcesList().stream().map(MutualTlsRunTest::name).toList();
        } finally {
            channel.shutdownNow();
        }
    }

    private static String name(Any secret) {
        try {
            return secret.unpack(Secret.class).getName();
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    private ControlPlane startPlane() {
        DirectorySource files = new DirectorySource(Limits.DEFAULT);
        Path cluster = tmp.resolve("cluster.yaml");
        try {
            return ControlPlane.start(new ControlPlane.Settings(new InetSocketAddress("127.0.0.1", 0),
                            new InetSocketAddress("127.0.0.1", 0), Duration.ofHours(1), XdsSecurity.mutualTls(caDir),
                            Optional.empty()),
                    new DirectoryGitSource(tmp.resolve("repo"), files, java.time.Clock.systemUTC()),
                    PolicyPaths.WHOLE_TREE, () -> read(files, cluster), TestCompilers.continuous());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SourceFiles read(DirectorySource files, Path path) {
        try {
            return files.read(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
