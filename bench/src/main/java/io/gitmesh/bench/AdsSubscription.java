package io.gitmesh.bench;

import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.service.discovery.v3.AggregatedDiscoveryServiceGrpc;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A minimal state-of-the-world ADS client, as a proxy would be: one stream, one resource type, the
 * node sent on the first request only, every response ACKed at once (so the server may push the
 * next) and kept with the moment it arrived.
 */
final class AdsSubscription implements AutoCloseable {

    /** A response and when it arrived (both clocks: nanoTime to measure, the instant to compare with logs). */
    record Received(long nanoTime, Instant at, DiscoveryResponse response) { }

    private sealed interface Event permits Arrived, Ended { }

    private record Arrived(Received received) implements Event { }

    private record Ended(Throwable cause) implements Event { }

    private final ManagedChannel channel;
    private final String typeUrl;
    private final List<String> names;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final StreamObserver<DiscoveryRequest> requests;

    private AdsSubscription(InetSocketAddress server, Node node, String typeUrl, List<String> names) {
        this.channel = Grpc.newChannelBuilderForAddress(server.getHostString(), server.getPort(),
                InsecureChannelCredentials.create()).build();
        this.typeUrl = typeUrl;
        this.names = List.copyOf(names);
        this.requests = AggregatedDiscoveryServiceGrpc.newStub(channel).streamAggregatedResources(new Responses());
        send(DiscoveryRequest.newBuilder().setNode(node).setTypeUrl(typeUrl).addAllResourceNames(this.names).build());
    }

    /** Subscribes {@code node} to {@code names} of {@code typeUrl} (no names: every resource of the type). */
    static AdsSubscription open(InetSocketAddress server, Node node, String typeUrl, List<String> names) {
        return new AdsSubscription(server, node, typeUrl, names);
    }

    /** The next response, waiting at most {@code timeout}. */
    Received next(Duration timeout) throws InterruptedException, TimeoutException {
        Event event = events.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        return switch (event) {
            case null -> throw new TimeoutException("no " + typeUrl + " response within " + timeout);
            case Arrived arrived -> arrived.received();
            case Ended ended -> throw new IllegalStateException("the ADS stream ended: " + ended.cause(), ended.cause());
        };
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow();
        channel.awaitTermination(5, TimeUnit.SECONDS);
    }

    private synchronized void send(DiscoveryRequest request) {
        requests.onNext(request);
    }

    private final class Responses implements StreamObserver<DiscoveryResponse> {
        @Override
        public void onNext(DiscoveryResponse response) {
            events.add(new Arrived(new Received(System.nanoTime(), Instant.now(), response)));
            send(DiscoveryRequest.newBuilder().setTypeUrl(typeUrl).addAllResourceNames(names)
                    .setVersionInfo(response.getVersionInfo()).setResponseNonce(response.getNonce()).build());
        }

        @Override
        public void onError(Throwable t) {
            events.add(new Ended(t));
        }

        @Override
        public void onCompleted() {
            events.add(new Ended(new IllegalStateException("the server closed the stream")));
        }
    }
}
