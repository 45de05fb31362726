package io.gitmesh.xds.server;

import static io.gitmesh.xds.server.SotwProtocolTest.weights;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.envoyproxy.controlplane.cache.Resources.ResourceType;
import io.gitmesh.xds.Flavour;
import io.gitmesh.xds.ProxyConfig;
import io.gitmesh.xds.SnapshotGroup;
import io.gitmesh.xds.testing.EchoBackend;
import io.gitmesh.xds.testing.GrpcResources;
import io.gitmesh.xds.testing.Traffic;
import io.gitmesh.xds.testing.XdsClientChannel;
import io.gitmesh.xds.testing.XdsServerFixture;
import io.grpc.Channel;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** grpc-java's own xDS client, resolving {@code xds:///bookstore} through the server, against loopback backends. */
class GrpcXdsClientTest {
    private static final Logger LOG = LoggerFactory.getLogger(GrpcXdsClientTest.class);
    private static final SnapshotGroup BOOKBUYER = SnapshotGroup.of("bookbuyer", "bookbuyer", Flavour.GRPC);
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private static EchoBackend a;
    private static EchoBackend b;
    private static EchoBackend c;
    private static EchoBackend d;

    @BeforeAll
    static void startBackends() {
        a = EchoBackend.start("a");
        b = EchoBackend.start("b");
        c = EchoBackend.start("c");
        d = EchoBackend.start("d");
    }

    @AfterAll
    static void stopBackends() {
        List.of(a, b, c, d).forEach(EchoBackend::close);
    }

    @Test
    void aWeightedSplitHoldsAndAPublishMovesIt() {
        ProxyConfig split = GrpcResources.service("bookstore", weights("v1", 70, "v2", 20, "v3", 10),
                Map.of("v1", List.of(a.port()), "v2", List.of(b.port()), "v3", List.of(c.port())));
        ProxyConfig moved = GrpcResources.service("bookstore", weights("v1", 0, "v2", 100),
                Map.of("v1", List.of(a.port()), "v2", List.of(b.port())));
        try (XdsServerFixture xds = XdsServerFixture.start();
                XdsClientChannel client = bookbuyer(xds)) {
            xds.publish(Map.of(BOOKBUYER, split));

            SortedMap<String, Integer> spread = Traffic.spread(client.channel(), 2_000);
            LOG.info("2000 calls at 70/20/10: {}", spread);
            assertThat(spread.keySet()).containsExactly("a", "b", "c");
            assertThat(spread.get("a")).isBetween(1_300, 1_500);
            assertThat(spread.get("b")).isBetween(300, 500);
            assertThat(spread.get("c")).isBetween(100, 300);

            Instant published = Instant.now();
            long start = System.nanoTime();
            xds.server().publish(Map.of(BOOKBUYER, moved));
            await().atMost(PATIENCE).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5))
                    .until(() -> Traffic.spread(client.channel(), 20).keySet().equals(Set.of("b")));
            Duration movedAfter = Duration.ofNanos(System.nanoTime() - start);

            assertThat(Traffic.spread(client.channel(), 500)).containsExactly(Map.entry("b", 500));
            ProxyStatus proxy = xds.server().proxies().getFirst();
            assertThat(proxy.ackedVersion(ResourceType.ROUTE)).contains(moved.version(ResourceType.ROUTE));
            Instant routeAcked = proxy.types().get(ResourceType.ROUTE).ackedAt().orElseThrow();
            LOG.info("traffic moved to 0/100 within {} ms of the publish; route ACKed after {} ms",
                    movedAfter.toMillis(), Duration.between(published, routeAcked).toMillis());
            await().atMost(PATIENCE).until(() -> xds.server().proxies().getFirst()
                    .ackedVersion(ResourceType.CLUSTER).equals(Optional.of(moved.version(ResourceType.CLUSTER))));
        }
    }

    @Test
    void trafficFollowsEndpointsWithoutAFailedCall() throws Exception {
        try (XdsServerFixture xds = XdsServerFixture.start();
                XdsClientChannel client = bookbuyer(xds)) {
            xds.publish(Map.of(BOOKBUYER, endpoints(a)));
            assertThat(EchoBackend.who(client.channel())).isEqualTo("a");

            try (Load load = Load.start(client.channel())) {
                xds.publish(Map.of(BOOKBUYER, endpoints(a, d)));
                await().atMost(PATIENCE).until(() -> load.answers.getOrDefault("d", 0) > 0);
                xds.publish(Map.of(BOOKBUYER, endpoints(d)));
                await().atMost(PATIENCE).pollInterval(Duration.ofMillis(10))
                        .until(() -> Traffic.spread(client.channel(), 20).keySet().equals(Set.of("d")));

                assertThat(load.stop()).isPositive();
                LOG.info("calls during the endpoint changes: {}, failed: {}", load.answers, load.failures);
                assertThat(load.failures.get()).isZero();
                assertThat(load.answers).containsOnlyKeys("a", "d");
            }
        }
    }

    @Test
    void aRejectedRouteIsRecordedAndTheClientKeepsItsConfig() {
        ProxyConfig good = endpoints(a);
        ProxyConfig zeroSum = GrpcResources.service("bookstore", weights("v1", 0, "v2", 0),
                Map.of("v1", List.of(a.port()), "v2", List.of(b.port())));
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (XdsServerFixture xds = XdsServerFixture.start(options -> options.meterRegistry(meters));
                XdsClientChannel client = bookbuyer(xds)) {
            xds.publish(Map.of(BOOKBUYER, good));
            assertThat(EchoBackend.who(client.channel())).isEqualTo("a");

            xds.publish(Map.of(BOOKBUYER, zeroSum));

            await().atMost(PATIENCE)
                    .until(() -> xds.server().proxies().getFirst().lastNack(ResourceType.ROUTE).isPresent());
            ProxyStatus proxy = xds.server().proxies().getFirst();
            Nack nack = proxy.lastNack(ResourceType.ROUTE).orElseThrow();
            assertThat(nack.version()).isEqualTo(zeroSum.version(ResourceType.ROUTE));
            assertThat(nack.message()).contains("Sum of cluster weights should be above 0");
            assertThat(proxy.ackedVersion(ResourceType.ROUTE)).contains(good.version(ResourceType.ROUTE));
            assertThat(meters.get("gitmesh.xds.nacks").tag("type", "route").counter().count()).isEqualTo(1.0);
            assertThat(Traffic.spread(client.channel(), 200)).containsExactly(Map.entry("a", 200));
        }
    }

    /** A gRPC client of the bookbuyer group dialling {@code xds:///bookstore}. */
    private static XdsClientChannel bookbuyer(XdsServerFixture xds) {
        return XdsClientChannel.open(xds.port(), "bookbuyer/pod-1", BOOKBUYER, "bookstore");
    }

    /** bookstore routed wholly to cluster v1, whose endpoints are the given backends. */
    private static ProxyConfig endpoints(EchoBackend... backends) {
        List<Integer> ports = Arrays.stream(backends).map(EchoBackend::port).toList();
        return GrpcResources.service("bookstore", weights("v1", 100), Map.of("v1", ports));
    }

    /** One caller sending {@code Who} back to back until stopped, counting answers and failures. */
    private static final class Load implements AutoCloseable {
        private final ExecutorService caller = Executors.newSingleThreadExecutor();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Map<String, Integer> answers = new ConcurrentHashMap<>();
        private final AtomicInteger failures = new AtomicInteger();
        private Future<Integer> calls;

        static Load start(Channel channel) {
            Load load = new Load();
            load.calls = load.caller.submit(() -> {
                int sent = 0;
                while (load.running.get()) {
                    try {
                        load.answers.merge(EchoBackend.who(channel), 1, Integer::sum);
                    } catch (RuntimeException failed) {
                        LOG.warn("call failed during an endpoint change: {}", failed.toString());
                        load.failures.incrementAndGet();
                    }
                    sent++;
                }
                return sent;
            });
            return load;
        }

        /** Stops the caller; how many calls it made. */
        int stop() throws Exception {
            running.set(false);
            return calls.get();
        }

        @Override
        public void close() {
            running.set(false);
            caller.shutdownNow();
        }
    }
}
