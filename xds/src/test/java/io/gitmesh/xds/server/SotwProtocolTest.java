package io.gitmesh.xds.server;

import static io.envoyproxy.controlplane.cache.Resources.V3.CLUSTER_TYPE_URL;
import static io.envoyproxy.controlplane.cache.Resources.V3.ENDPOINT_TYPE_URL;
import static io.envoyproxy.controlplane.cache.Resources.V3.LISTENER_TYPE_URL;
import static io.envoyproxy.controlplane.cache.Resources.V3.ROUTE_TYPE_URL;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import io.envoyproxy.controlplane.cache.Resources.ResourceType;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.service.cluster.v3.ClusterDiscoveryServiceGrpc;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import io.gitmesh.xds.Flavour;
import io.gitmesh.xds.ProxyConfig;
import io.gitmesh.xds.SnapshotGroup;
import io.gitmesh.xds.testing.GrpcResources;
import io.gitmesh.xds.testing.Nodes;
import io.gitmesh.xds.testing.SotwStream;
import io.gitmesh.xds.testing.XdsServerFixture;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** State-of-the-world ADS through hand-driven streams: pinning, per-type versions, consistency, status. */
class SotwProtocolTest {
    private static final SnapshotGroup BOOKBUYER = SnapshotGroup.of("bookbuyer", "bookbuyer", Flavour.ENVOY);
    private static final ProxyConfig V1 =
            GrpcResources.service("bookstore", weights("v1", 100), Map.of("v1", List.of(8081)));
    private static final ProxyConfig V1_V2 = GrpcResources.service("bookstore", weights("v1", 50, "v2", 50),
            Map.of("v1", List.of(8081), "v2", List.of(8082)));

    private XdsServerFixture xds;

    @BeforeEach
    void start() {
        xds = XdsServerFixture.start();
    }

    @AfterEach
    void stop() {
        xds.close();
    }

    @Test
    void aStreamSendingItsNodeOnlyFirstKeepsItsGroup() {
        xds.publish(Map.of(BOOKBUYER, V1));
        try (SotwStream envoy = SotwStream.open(xds.channel(), Nodes.of("bookbuyer/pod-1", BOOKBUYER), true)) {
            envoy.request(LISTENER_TYPE_URL, List.of());
            envoy.ack(envoy.next(LISTENER_TYPE_URL));
            envoy.request(ROUTE_TYPE_URL, List.of("bookstore-route"));
            envoy.ack(envoy.next(ROUTE_TYPE_URL));

            xds.publish(Map.of(BOOKBUYER, V1_V2));

            DiscoveryResponse routes = envoy.next(ROUTE_TYPE_URL);
            assertThat(routes.getVersionInfo()).isEqualTo(V1_V2.version(ResourceType.ROUTE));
            envoy.ack(routes);
            envoy.responsesSoFar();
            assertThat(xds.server().proxies()).singleElement().satisfies(proxy -> {
                assertThat(proxy.nodeId()).isEqualTo("bookbuyer/pod-1");
                assertThat(proxy.group()).isEqualTo(BOOKBUYER);
                assertThat(proxy.ackedVersion(ResourceType.ROUTE)).contains(V1_V2.version(ResourceType.ROUTE));
                assertThat(proxy.ackedVersion(ResourceType.LISTENER)).contains(V1.version(ResourceType.LISTENER));
            });
        }
    }

    @Test
    void changingOneClusterSendsClustersButNotListenersOrRoutes() {
        xds.publish(Map.of(BOOKBUYER, V1));
        try (SotwStream envoy = SotwStream.open(xds.channel(), Nodes.of("bookbuyer/pod-1", BOOKBUYER), true)) {
            subscribeToAll(envoy);
            Cluster randomV1Cluster = V1.clusters().getFirst().toBuilder().setLbPolicy(Cluster.LbPolicy.RANDOM).build();
            ProxyConfig randomV1 = ProxyConfig.builder()
                    .listeners(V1.listeners()).routes(V1.routes()).endpoints(V1.endpoints())
                    .clusters(List.of(randomV1Cluster))
                    .build();

            xds.publish(Map.of(BOOKBUYER, randomV1));

            List<DiscoveryResponse> sent = envoy.responsesSoFar();
            assertThat(sent).extracting(DiscoveryResponse::getTypeUrl)
                    .contains(CLUSTER_TYPE_URL)
                    .doesNotContain(LISTENER_TYPE_URL, ROUTE_TYPE_URL);
            assertThat(sent).filteredOn(r -> r.getTypeUrl().equals(CLUSTER_TYPE_URL)).singleElement()
                    .extracting(DiscoveryResponse::getVersionInfo).isEqualTo(randomV1.version(ResourceType.CLUSTER));
        }
    }

    @Test
    void aConfigWithAMissingRouteIsRefusedAndThePreviousOneStays() {
        xds.publish(Map.of(BOOKBUYER, V1));
        try (SotwStream envoy = SotwStream.open(xds.channel(), Nodes.of("bookbuyer/pod-1", BOOKBUYER), true)) {
            subscribeToAll(envoy);
            ProxyConfig dangling = ProxyConfig.builder()
                    .listeners(List.of(GrpcResources.clientListener("bookstore", "bookstore-route-v2")))
                    .routes(V1.routes()).clusters(V1.clusters()).endpoints(V1.endpoints())
                    .build();

            PublishResult result = xds.publish(Map.of(BOOKBUYER, dangling));

            assertThat(result.refused()).containsOnlyKeys(BOOKBUYER);
            assertThat(result.refused().get(BOOKBUYER)).containsExactly(
                    "listener \"bookstore\" uses route configuration \"bookstore-route-v2\", which the config lacks");
            assertThat(result.changed()).isEmpty();
            assertThat(envoy.responsesSoFar()).isEmpty();

            assertThat(xds.publish(Map.of(BOOKBUYER, V1_V2)).changed()).containsExactly(BOOKBUYER);
            assertThat(envoy.responsesSoFar()).extracting(DiscoveryResponse::getTypeUrl).contains(ROUTE_TYPE_URL);
        }
    }

    @Test
    void aRejectedVersionIsRecordedAndNotSentAgain() {
        xds.publish(Map.of(BOOKBUYER, V1));
        try (SotwStream envoy = SotwStream.open(xds.channel(), Nodes.of("bookbuyer/pod-1", BOOKBUYER), true)) {
            subscribeToAll(envoy);
            xds.publish(Map.of(BOOKBUYER, V1_V2));
            DiscoveryResponse routes = envoy.responsesSoFar().stream()
                    .filter(response -> response.getTypeUrl().equals(ROUTE_TYPE_URL)).findFirst().orElseThrow();

            envoy.nack(routes, V1.version(ResourceType.ROUTE), "no such cluster: v2");

            assertThat(envoy.responsesSoFar()).extracting(DiscoveryResponse::getTypeUrl).doesNotContain(ROUTE_TYPE_URL);
            ProxyStatus proxy = xds.server().proxies().getFirst();
            assertThat(proxy.lastNack(ResourceType.ROUTE)).hasValueSatisfying(nack -> {
                assertThat(nack.version()).isEqualTo(V1_V2.version(ResourceType.ROUTE));
                assertThat(nack.message()).isEqualTo("no such cluster: v2");
            });
            assertThat(proxy.ackedVersion(ResourceType.ROUTE)).contains(V1.version(ResourceType.ROUTE));

            xds.publish(Map.of(BOOKBUYER, V1));
            assertThat(envoy.responsesSoFar()).filteredOn(response -> response.getTypeUrl().equals(ROUTE_TYPE_URL))
                    .extracting(DiscoveryResponse::getVersionInfo).containsExactly(V1.version(ResourceType.ROUTE));
        }
    }

    @Test
    void listenersAreAnsweredEvenWhenARequestedOneIsGone() {
        xds.publish(Map.of(BOOKBUYER, V1));
        try (SotwStream grpc = SotwStream.open(xds.channel(), Nodes.of("bookbuyer/pod-1", BOOKBUYER), false)) {
            grpc.request(LISTENER_TYPE_URL, List.of("bookstore", "deleted-service"));

            DiscoveryResponse listeners = grpc.next(LISTENER_TYPE_URL);

            assertThat(listeners.getResourcesList()).extracting(SotwProtocolTest::listenerName)
                    .containsExactly("bookstore");
        }
    }

    @Test
    void thePerTypeServicesServeEvenWithoutATypeUrl() throws InterruptedException {
        xds.publish(Map.of(BOOKBUYER, V1));
        BlockingQueue<DiscoveryResponse> responses = new LinkedBlockingQueue<>();
        StreamObserver<DiscoveryRequest> requests = ClusterDiscoveryServiceGrpc.newStub(xds.channel())
                .streamClusters(new StreamObserver<>() {
                    @Override
                    public void onNext(DiscoveryResponse response) {
                        responses.add(response);
                    }

                    @Override
                    public void onError(Throwable t) {
                    }

                    @Override
                    public void onCompleted() {
                    }
                });

        requests.onNext(DiscoveryRequest.newBuilder().setNode(Nodes.of("bookbuyer/pod-1", BOOKBUYER)).build());

        DiscoveryResponse clusters = responses.poll(10, TimeUnit.SECONDS);
        assertThat(clusters).isNotNull();
        assertThat(clusters.getTypeUrl()).isEqualTo(CLUSTER_TYPE_URL);
        assertThat(clusters.getVersionInfo()).isEqualTo(V1.version(ResourceType.CLUSTER));
        requests.onCompleted();
    }

    @Test
    void anUnchangedPublishTouchesNothingAndADroppedGroupIsReported() {
        SnapshotGroup bookstore = SnapshotGroup.of("bookstore", "bookstore", Flavour.GRPC);
        PublishResult first = xds.publish(Map.of(BOOKBUYER, V1, bookstore, V1));

        PublishResult same = xds.publish(Map.of(BOOKBUYER, V1, bookstore, V1));
        PublishResult dropped = xds.publish(Map.of(BOOKBUYER, V1));

        assertThat(first.changed()).containsExactly(BOOKBUYER, bookstore);
        assertThat(same.changed()).isEmpty();
        assertThat(same.version()).isEqualTo(first.version());
        assertThat(dropped.dropped()).containsExactly(bookstore);
        assertThat(dropped.version()).isNotEqualTo(first.version());
    }

    static Stream<Arguments> refusedStreams() {
        return Stream.of(
                Arguments.of("no node on the first request", null, Status.Code.INVALID_ARGUMENT),
                Arguments.of("a node without gitmesh metadata", Node.newBuilder().setId("stray").build(),
                        Status.Code.FAILED_PRECONDITION));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedStreams")
    void refusesAStreamThatMapsToNoGroup(String name, Node node, Status.Code code) {
        xds.publish(Map.of(BOOKBUYER, V1));
        try (SotwStream stray = node == null
                ? SotwStream.withoutNode(xds.channel())
                : SotwStream.open(xds.channel(), node, false)) {
            stray.request(LISTENER_TYPE_URL, List.of());

            assertThat(stray.awaitClosed().getCode()).isEqualTo(code);
            assertThat(xds.server().proxies()).isEmpty();
        }
    }

    private static void subscribeToAll(SotwStream envoy) {
        envoy.request(CLUSTER_TYPE_URL, List.of());
        envoy.ack(envoy.next(CLUSTER_TYPE_URL));
        envoy.request(ENDPOINT_TYPE_URL, List.of("v1"));
        envoy.ack(envoy.next(ENDPOINT_TYPE_URL));
        envoy.request(LISTENER_TYPE_URL, List.of());
        envoy.ack(envoy.next(LISTENER_TYPE_URL));
        envoy.request(ROUTE_TYPE_URL, List.of("bookstore-route"));
        envoy.ack(envoy.next(ROUTE_TYPE_URL));
        assertThat(envoy.responsesSoFar()).isEmpty();
    }

    static SequencedMap<String, Integer> weights(Object... clusterThenWeight) {
        SequencedMap<String, Integer> weights = new LinkedHashMap<>();
        for (int i = 0; i < clusterThenWeight.length; i += 2) {
            weights.put((String) clusterThenWeight[i], (Integer) clusterThenWeight[i + 1]);
        }
        return weights;
    }

    private static String listenerName(Any any) {
        try {
            return any.unpack(Listener.class).getName();
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }
}
