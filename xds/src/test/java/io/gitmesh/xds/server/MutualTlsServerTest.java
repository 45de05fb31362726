package io.gitmesh.xds.server;

import static io.envoyproxy.controlplane.cache.Resources.V3.LISTENER_TYPE_URL;
import static org.assertj.core.api.Assertions.assertThat;

import io.envoyproxy.controlplane.cache.Resources.ResourceType;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import io.gitmesh.model.Identity;
import io.gitmesh.xds.Flavour;
import io.gitmesh.xds.ProxyConfig;
import io.gitmesh.xds.SnapshotGroup;
import io.gitmesh.xds.testing.GrpcResources;
import io.gitmesh.xds.testing.MutualTlsChannels;
import io.gitmesh.xds.testing.Nodes;
import io.gitmesh.xds.testing.SotwStream;
import io.gitmesh.xds.testing.TestCa;
import io.gitmesh.xds.testing.XdsServerFixture;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The xDS server over mTLS: certificates from our CA, JDK TLS, streams bound to the client certificate's identity. */
class MutualTlsServerTest {
    private static final Identity WEB = new Identity("shop", "web");
    private static final SnapshotGroup WEB_GROUP = SnapshotGroup.of("shop", "web", Flavour.ENVOY);
    private static final SnapshotGroup MOBILE_GROUP = SnapshotGroup.of("shop", "mobile", Flavour.ENVOY);
    private static final ProxyConfig WEB_CONFIG = config("web-only");
    private static final ProxyConfig MOBILE_CONFIG = config("mobile-only");

    private final TestCa ca = TestCa.create();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ServerTls tls = ca.serverTls();
    private XdsServerFixture xds;

    @BeforeEach
    void start() {
        xds = XdsServerFixture.start(server -> server.mutualTls(tls).meterRegistry(meters));
        xds.publish(Map.of(WEB_GROUP, WEB_CONFIG, MOBILE_GROUP, MOBILE_CONFIG));
    }

    @AfterEach
    void stop() {
        xds.close();
    }

    @Test
    void aClientGetsTheConfigOfTheIdentityItsCertificateNames() {
        ManagedChannel channel = MutualTlsChannels.presenting(xds.port(), ca.issue(WEB), ca.bundle());
        try (SotwStream stream = SotwStream.open(channel, Nodes.of("shop/web-0", WEB_GROUP), true)) {
            stream.request(LISTENER_TYPE_URL, List.of());

            DiscoveryResponse listeners = stream.next(LISTENER_TYPE_URL);

            assertThat(listeners.getVersionInfo()).isEqualTo(WEB_CONFIG.version(ResourceType.LISTENER));
            assertThat(xds.server().proxies()).singleElement()
                    .satisfies(proxy -> assertThat(proxy.group()).isEqualTo(WEB_GROUP));
        } finally {
            channel.shutdownNow();
        }
    }

    @Test
    void aNodeClaimingAnotherIdentityThanItsCertificateIsRefusedAndCounted() {
        ManagedChannel channel = MutualTlsChannels.presenting(xds.port(), ca.issue(WEB), ca.bundle());
        try (SotwStream stream = SotwStream.open(channel, Nodes.of("shop/mobile-0", MOBILE_GROUP), true)) {
            stream.request(LISTENER_TYPE_URL, List.of());

            Status closed = stream.awaitClosed();

            assertThat(closed.getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
            assertThat(closed.getDescription()).contains("the node claims spiffe://cluster.local/ns/shop/sa/mobile",
                    "its client certificate names spiffe://cluster.local/ns/shop/sa/web");
            assertThat(meters.counter(StreamPinning.REFUSED, "reason", "identity").count()).isEqualTo(1);
            assertThat(xds.server().proxies()).isEmpty();
        } finally {
            channel.shutdownNow();
        }
    }

    @Test
    void aClientWithoutACertificateFailsTheHandshake() {
        ManagedChannel channel = MutualTlsChannels.anonymous(xds.port(), ca.bundle());
        try (SotwStream stream = SotwStream.open(channel, Nodes.of("shop/web-0", WEB_GROUP), true)) {
            stream.request(LISTENER_TYPE_URL, List.of());

            assertThat(stream.awaitClosed().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        } finally {
            channel.shutdownNow();
        }
    }

    @Test
    void aClientWithACertificateOfAnotherCaFailsTheHandshake() {
        TestCa stranger = TestCa.create();
        ManagedChannel channel = MutualTlsChannels.presenting(xds.port(), stranger.issue(WEB), ca.bundle());
        try (SotwStream stream = SotwStream.open(channel, Nodes.of("shop/web-0", WEB_GROUP), true)) {
            stream.request(LISTENER_TYPE_URL, List.of());

            assertThat(stream.awaitClosed().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        } finally {
            channel.shutdownNow();
        }
    }

    @Test
    void theServerCertificateAndTrustBundleAreSwappedWhileServing() {
        TestCa next = TestCa.create();
        tls.updateTrustBundle(ca.bundle().with(next.bundle().roots().getFirst()));
        tls.updateCertificate(next.serverCertificate());

        ManagedChannel channel = MutualTlsChannels.presenting(xds.port(), next.issue(WEB), next.bundle());
        try (SotwStream stream = SotwStream.open(channel, Nodes.of("shop/web-0", WEB_GROUP), true)) {
            stream.request(LISTENER_TYPE_URL, List.of());

            assertThat(stream.next(LISTENER_TYPE_URL).getResourcesCount()).isEqualTo(1);
        } finally {
            channel.shutdownNow();
        }
    }

    private static ProxyConfig config(String service) {
        SequencedMap<String, Integer> weights = new LinkedHashMap<>();
        weights.put(service + "-v1", 100);
        return GrpcResources.service(service, weights, Map.of(service + "-v1", List.of(8081)));
    }
}
