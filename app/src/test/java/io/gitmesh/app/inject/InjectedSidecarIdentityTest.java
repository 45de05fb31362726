package io.gitmesh.app.inject;

import static io.envoyproxy.controlplane.cache.Resources.V3.LISTENER_TYPE_URL;
import static org.assertj.core.api.Assertions.assertThat;

import io.envoyproxy.controlplane.cache.Resources.ResourceType;
import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import io.envoyproxy.envoy.config.bootstrap.v3.Bootstrap;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.CommonTlsContext;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.TlsCertificate;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.gitmesh.ca.IssuedCertificate;
import io.gitmesh.ca.LeafRequest;
import io.gitmesh.injector.bootstrap.SidecarBootstrap;
import io.gitmesh.injector.mutate.Annotations;
import io.gitmesh.injector.mutate.SidecarLayout;
import io.gitmesh.injector.secrets.BootstrapSecrets;
import io.gitmesh.model.Identity;
import io.gitmesh.xds.NodeMetadata;
import io.gitmesh.xds.ProxyConfig;
import io.gitmesh.xds.SnapshotGroup;
import io.gitmesh.xds.testing.GrpcResources;
import io.gitmesh.xds.testing.MutualTlsChannels;
import io.gitmesh.xds.testing.SotwStream;
import io.gitmesh.xds.testing.TestCa;
import io.gitmesh.xds.testing.XdsServerFixture;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The injector's per-pod bootstrap material against the xDS server over mTLS (issue 6): the node the
 * bootstrap declares and the certificate the bootstrap Secret carries are accepted together, the same
 * node with another identity's certificate is refused, and the files the bootstrap reads are the keys
 * the Secret holds, under the directory the sidecar mounts it at.
 */
class InjectedSidecarIdentityTest {
    private static final Pod POD = new PodBuilder().withNewMetadata().withName("web-7d9f-abcde").withNamespace("shop")
            .withUid("0b6f1c1e-0000-4000-8000-000000000001")
            .addToAnnotations(Annotations.INJECTED, "true").endMetadata()
            .withNewSpec().withServiceAccountName("web").addNewContainer().withName("app").withImage("web")
            .endContainer().endSpec().build();

    private final TestCa ca = TestCa.create();
    private XdsServerFixture xds;
    private Bootstrap bootstrap;
    private SnapshotGroup group;
    private ProxyConfig config;

    @BeforeEach
    void start() {
        xds = XdsServerFixture.start(server -> server.mutualTls(ca.serverTls()));
        bootstrap = SidecarBootstrap.build(POD, "localhost", xds.port());
        group = NodeMetadata.groupOf(bootstrap.getNode()).orElseThrow();
        config = GrpcResources.service("web-only", new LinkedHashMap<>(Map.of("web-only-v1", 100)),
                Map.of("web-only-v1", List.of(8081)));
        xds.publish(Map.of(group, config));
    }

    @AfterEach
    void stop() {
        xds.close();
    }

    @Test
    void theBootstrapNodeWithThePodsOwnCertificateGetsItsConfig() {
        IssuedCertificate own = ca.authority().issueWithNewKey(LeafRequest.of(BootstrapSecrets.identity(POD)));
        ManagedChannel channel = MutualTlsChannels.presenting(xds.port(), own, ca.bundle());
        try (SotwStream stream = SotwStream.open(channel, bootstrap.getNode(), true)) {
            stream.request(LISTENER_TYPE_URL, List.of());

            assertThat(stream.next(LISTENER_TYPE_URL).getVersionInfo()).isEqualTo(config.version(ResourceType.LISTENER));
            assertThat(group.namespace() + "/" + group.serviceAccount()).isEqualTo("shop/web");
        } finally {
            channel.shutdownNow();
        }
    }

    @Test
    void theSameNodeWithAnotherIdentitysCertificateIsRefused() {
        ManagedChannel channel = MutualTlsChannels.presenting(xds.port(), ca.issue(new Identity("shop", "mobile")),
                ca.bundle());
        try (SotwStream stream = SotwStream.open(channel, bootstrap.getNode(), true)) {
            stream.request(LISTENER_TYPE_URL, List.of());

            assertThat(stream.awaitClosed().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
        } finally {
            channel.shutdownNow();
        }
    }

    @Test
    void theBootstrapReadsItsTlsFilesFromTheKeysOfTheBootstrapSecret() {
        Secret secret = BootstrapSecrets.build(POD, "gitmesh-sidecar-web-7d9f-abcde",
                SidecarBootstrap.json(POD, "localhost", xds.port()),
                ca.authority().issueWithNewKey(LeafRequest.of(BootstrapSecrets.identity(POD))), ca.bundle());

        List<String> filesRead = bootstrap.getStaticResources().getClustersList().stream()
                .filter(cluster -> cluster.getTransportSocket().hasTypedConfig())
                .flatMap(cluster -> tlsFiles(cluster.getTransportSocket().getTypedConfig()).stream())
                .distinct().sorted().toList();
        List<String> filesHeld = secret.getData().keySet().stream().filter(key -> key.endsWith(".pem"))
                .map(key -> SidecarLayout.BOOTSTRAP_DIR + "/" + key).sorted().collect(Collectors.toList());

        assertThat(filesRead).isNotEmpty().isEqualTo(filesHeld);
    }


    private static List<String> tlsFiles(Any transportSocket) {
        try {
            CommonTlsContext tls = transportSocket.unpack(UpstreamTlsContext.class).getCommonTlsContext();
            TlsCertificate certificate = tls.getTlsCertificates(0);
            assertThat(List.of(certificate.getWatchedDirectory().getPath(),
                    tls.getValidationContext().getWatchedDirectory().getPath()))
                    .as("renewed files are picked up without a restart").containsOnly(SidecarLayout.BOOTSTRAP_DIR);
            return List.of(certificate.getCertificateChain().getFilename(), certificate.getPrivateKey().getFilename(),
                    tls.getValidationContext().getTrustedCa().getFilename());
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("the xDS cluster's transport socket is not an UpstreamTlsContext", e);
        }
    }
}
