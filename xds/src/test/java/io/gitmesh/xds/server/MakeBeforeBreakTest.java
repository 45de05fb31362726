package io.gitmesh.xds.server;

import static io.envoyproxy.controlplane.cache.Resources.V3.CLUSTER_TYPE_URL;
import static io.envoyproxy.controlplane.cache.Resources.V3.ENDPOINT_TYPE_URL;
import static io.envoyproxy.controlplane.cache.Resources.V3.LISTENER_TYPE_URL;
import static io.envoyproxy.controlplane.cache.Resources.V3.ROUTE_TYPE_URL;
import static io.gitmesh.xds.server.SotwProtocolTest.weights;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.envoyproxy.controlplane.cache.Resources.ResourceType;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import io.gitmesh.xds.Flavour;
import io.gitmesh.xds.ProxyConfig;
import io.gitmesh.xds.SnapshotGroup;
import io.gitmesh.xds.testing.GrpcResources;
import io.gitmesh.xds.testing.Nodes;
import io.gitmesh.xds.testing.SotwStream;
import io.gitmesh.xds.testing.XdsServerFixture;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Moving a route from cluster v1 to v2 and deleting v1: v2 arrives before the route uses it, and v1
 * goes only after the proxy has answered the new route (or the removal timeout passed).
 */
class MakeBeforeBreakTest {
    private static final SnapshotGroup BOOKBUYER = SnapshotGroup.of("bookbuyer", "bookbuyer", Flavour.ENVOY);
    private static final ProxyConfig TO_V1 =
            GrpcResources.service("bookstore", weights("v1", 100), Map.of("v1", List.of(8081)));
    private static final ProxyConfig TO_V2 =
            GrpcResources.service("bookstore", weights("v2", 100), Map.of("v2", List.of(8082)));

    @Test
    void addsBeforeTheRouteMovesAndRemovesAfterTheProxyAnsweredIt() {
        try (XdsServerFixture xds = XdsServerFixture.start();
                SotwStream envoy = subscribed(xds)) {
            xds.publish(Map.of(BOOKBUYER, TO_V2));

            List<DiscoveryResponse> step = envoy.responsesSoFar();
            assertThat(step).extracting(DiscoveryResponse::getTypeUrl)
                    .containsSubsequence(CLUSTER_TYPE_URL, ROUTE_TYPE_URL)
                    .doesNotContain(LISTENER_TYPE_URL);
            assertThat(ofType(step, CLUSTER_TYPE_URL).getResourcesList()).extracting(MakeBeforeBreakTest::clusterName)
                    .containsExactly("v1", "v2");
            DiscoveryResponse route = ofType(step, ROUTE_TYPE_URL);
            assertThat(routedCluster(route)).isEqualTo("v2");
            step.stream().filter(response -> response != route).forEach(envoy::ack);
            assertThat(envoy.responsesSoFar()).as("nothing removed before the route is answered").isEmpty();

            envoy.ack(route);

            DiscoveryResponse removal = envoy.next(CLUSTER_TYPE_URL);
            assertThat(removal.getResourcesList()).extracting(MakeBeforeBreakTest::clusterName).containsExactly("v2");
            assertThat(removal.getVersionInfo()).isEqualTo(TO_V2.version(ResourceType.CLUSTER));
        }
    }

    @Test
    void removesAfterTheTimeoutWhenAProxyNeverAnswers() {
        try (XdsServerFixture xds = XdsServerFixture.start(options -> options.removalTimeout(Duration.ofMillis(200)));
                SotwStream envoy = subscribed(xds)) {
            xds.publish(Map.of(BOOKBUYER, TO_V2));
            envoy.ack(envoy.next(CLUSTER_TYPE_URL));

            DiscoveryResponse removal = envoy.responsesSoFar().stream()
                    .filter(response -> response.getTypeUrl().equals(CLUSTER_TYPE_URL))
                    .findFirst()
                    .orElseGet(() -> envoy.next(CLUSTER_TYPE_URL));

            assertThat(removal.getResourcesList()).extracting(MakeBeforeBreakTest::clusterName).containsExactly("v2");
        }
    }

    /** A stream on TO_V1 that has subscribed to and accepted every type. */
    private static SotwStream subscribed(XdsServerFixture xds) {
        xds.publish(Map.of(BOOKBUYER, TO_V1));
        SotwStream envoy = SotwStream.open(xds.channel(), Nodes.of("bookbuyer/pod-1", BOOKBUYER), true);
        envoy.request(CLUSTER_TYPE_URL, List.of());
        envoy.ack(envoy.next(CLUSTER_TYPE_URL));
        envoy.request(ENDPOINT_TYPE_URL, List.of("v1"));
        envoy.ack(envoy.next(ENDPOINT_TYPE_URL));
        envoy.request(LISTENER_TYPE_URL, List.of());
        envoy.ack(envoy.next(LISTENER_TYPE_URL));
        envoy.request(ROUTE_TYPE_URL, List.of("bookstore-route"));
        envoy.ack(envoy.next(ROUTE_TYPE_URL));
        assertThat(envoy.responsesSoFar()).isEmpty();
        return envoy;
    }

    private static DiscoveryResponse ofType(List<DiscoveryResponse> responses, String typeUrl) {
        return responses.stream().filter(response -> response.getTypeUrl().equals(typeUrl)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + typeUrl + " among " + responses.size() + " responses"));
    }

    private static String clusterName(Any any) {
        return unpack(any, Cluster.class).getName();
    }

    private static String routedCluster(DiscoveryResponse routes) {
        return unpack(routes.getResources(0), RouteConfiguration.class)
                .getVirtualHosts(0).getRoutes(0).getRoute().getWeightedClusters().getClusters(0).getName();
    }

    private static <T extends Message> T unpack(Any any, Class<T> type) {
        try {
            return any.unpack(type);
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }
}
