package io.gitmesh.xds.server;

import static io.envoyproxy.controlplane.cache.Resources.V3.CLUSTER_TYPE_URL;
import static io.gitmesh.xds.server.SotwProtocolTest.weights;
import static org.assertj.core.api.Assertions.assertThat;

import io.envoyproxy.controlplane.cache.Resources.ResourceType;
import io.gitmesh.xds.Flavour;
import io.gitmesh.xds.ProxyConfig;
import io.gitmesh.xds.SnapshotGroup;
import io.gitmesh.xds.testing.GrpcResources;
import io.gitmesh.xds.testing.Nodes;
import io.gitmesh.xds.testing.SotwStream;
import io.gitmesh.xds.testing.XdsServerFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writing to proxies happens off the publishing thread, in order per stream. */
class FanOutTest {
    private static final Logger LOG = LoggerFactory.getLogger(FanOutTest.class);
    private static final int STREAMS = 200;
    private static final SnapshotGroup BOOKBUYER = SnapshotGroup.of("bookbuyer", "bookbuyer", Flavour.ENVOY);

    @Test
    void aPublishToManyIdleStreamsReturnsAtOnceAndReachesThemAll() {
        ProxyConfig before = GrpcResources.service("bookstore", weights("v1", 100), Map.of("v1", List.of(8081)));
        ProxyConfig after = GrpcResources.service("bookstore", weights("v1", 50, "v2", 50),
                Map.of("v1", List.of(8081), "v2", List.of(8082)));
        try (XdsServerFixture xds = XdsServerFixture.start()) {
            xds.publish(Map.of(BOOKBUYER, before));
            List<SotwStream> streams = new ArrayList<>();
            for (int i = 0; i < STREAMS; i++) {
                SotwStream envoy = SotwStream.open(xds.channel(), Nodes.of("bookbuyer/pod-" + i, BOOKBUYER), true);
                envoy.request(CLUSTER_TYPE_URL, List.of());
                streams.add(envoy);
            }
            streams.forEach(envoy -> envoy.ack(envoy.next(CLUSTER_TYPE_URL)));
            streams.forEach(SotwStream::responsesSoFar);

            long start = System.nanoTime();
            CompletableFuture<PublishResult> applied = xds.server().publish(Map.of(BOOKBUYER, after));
            Duration returned = Duration.ofNanos(System.nanoTime() - start);
            applied.orTimeout(10, TimeUnit.SECONDS).join();
            Duration appliedAfter = Duration.ofNanos(System.nanoTime() - start);
            streams.forEach(envoy -> assertThat(envoy.next(CLUSTER_TYPE_URL).getVersionInfo())
                    .isEqualTo(after.version(ResourceType.CLUSTER)));
            Duration allReceived = Duration.ofNanos(System.nanoTime() - start);
            LOG.info("publish to {} streams: returned after {} µs, applied after {} ms, all received after {} ms",
                    STREAMS, returned.toNanos() / 1_000, appliedAfter.toMillis(), allReceived.toMillis());

            assertThat(returned).isLessThan(Duration.ofMillis(50));
            streams.forEach(SotwStream::close);
        }
    }

    @Test
    void eachStreamIsWrittenInOrderOnAPoolThread() throws InterruptedException {
        FanOut fanOut = new FanOut(2);
        Executor stream = fanOut.next();
        ConcurrentLinkedQueue<Integer> order = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> threads = new ConcurrentLinkedQueue<>();
        CountDownLatch done = new CountDownLatch(100);
        for (int i = 0; i < 100; i++) {
            int n = i;
            stream.execute(() -> {
                order.add(n);
                threads.add(Thread.currentThread().getName());
                done.countDown();
            });
        }

        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(List.copyOf(order)).isSorted().hasSize(100);
        assertThat(threads).allMatch(name -> name.startsWith("xds-fanout-"));
        fanOut.stop(Duration.ofSeconds(1));
    }
}
