package io.gitmesh.xds.server;

import static io.envoyproxy.controlplane.cache.Resources.V3.LISTENER_TYPE_URL;
import static io.gitmesh.xds.server.SotwProtocolTest.weights;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitmesh.xds.ContentHash;
import io.gitmesh.xds.Flavour;
import io.gitmesh.xds.ProxyConfig;
import io.gitmesh.xds.SnapshotGroup;
import io.gitmesh.xds.testing.GrpcResources;
import io.gitmesh.xds.testing.Nodes;
import io.gitmesh.xds.testing.SotwStream;
import io.gitmesh.xds.testing.XdsServerFixture;
import io.grpc.Status;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LifecycleTest {
    private static final SnapshotGroup BOOKBUYER = SnapshotGroup.of("bookbuyer", "bookbuyer", Flavour.GRPC);

    @Test
    void refusesPlaintextOnANonLoopbackAddressUnlessAllowed() throws Exception {
        InetSocketAddress anyAddress = new InetSocketAddress("0.0.0.0", 0);

        assertThatThrownBy(() -> XdsServer.builder(anyAddress).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("refusing plaintext xDS on 0.0.0.0:0: plaintext is for loopback only");

        XdsServer allowed = XdsServer.builder(anyAddress).allowInsecureNonLoopback().build();
        assertThat(allowed.start().getPort()).isPositive();
        allowed.stop(Duration.ofSeconds(1));
    }

    @Test
    void bindsAFreePortWhenAskedForPortZero() {
        try (XdsServerFixture xds = XdsServerFixture.start()) {
            assertThat(xds.port()).isPositive();
            assertThat(xds.server().address().getAddress().isLoopbackAddress()).isTrue();
        }
    }

    @Test
    void stoppingEndsTheStreamsAndRefusesFurtherPublishes() {
        XdsServerFixture xds = XdsServerFixture.start();
        xds.publish(Map.of(BOOKBUYER, bookstore(100)));
        SotwStream proxy = SotwStream.open(xds.channel(), Nodes.of("bookbuyer/pod-1", BOOKBUYER), false);
        proxy.request(LISTENER_TYPE_URL, List.of("bookstore"));
        proxy.next(LISTENER_TYPE_URL);

        xds.close();

        assertThat(proxy.awaitClosed().getCode()).isIn(Status.Code.UNAVAILABLE, Status.Code.CANCELLED);
        assertThatThrownBy(() -> xds.server().publish(Map.of()).join())
                .isInstanceOf(CancellationException.class);
    }

    @Test
    void aNewerPublishSupersedesOneNotYetApplied() {
        try (XdsServerFixture xds = XdsServerFixture.start()) {
            List<ProxyConfig> states = new ArrayList<>();
            List<CompletableFuture<PublishResult>> results = new ArrayList<>();
            for (int weight = 1; weight <= 20; weight++) {
                states.add(bookstore(weight));
                results.add(xds.server().publish(Map.of(BOOKBUYER, states.getLast())));
            }

            List<String> expected = states.stream()
                    .map(state -> ContentHash.ofParts(List.of(BOOKBUYER.id(), state.version())))
                    .toList();
            List<Integer> appliedState = results.stream()
                    .map(result -> expected.indexOf(result.orTimeout(10, TimeUnit.SECONDS).join().version()))
                    .toList();

            for (int i = 0; i < appliedState.size(); i++) {
                assertThat(appliedState.get(i)).as("publish %d completes with its own state or a newer one", i)
                        .isGreaterThanOrEqualTo(i);
            }
            assertThat(appliedState).isSorted().endsWith(states.size() - 1);
        }
    }

    private static ProxyConfig bookstore(int weight) {
        return GrpcResources.service("bookstore", weights("v1", weight), Map.of("v1", List.of(8081)));
    }
}
