package io.gitmesh.xds.testing;

import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.service.discovery.v3.AggregatedDiscoveryServiceGrpc;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryResponse;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A hand-driven delta ADS stream (grpc-java's client speaks state-of-the-world only). Node on the first request. */
public final class DeltaStream implements AutoCloseable {
    private static final long WAIT_SECONDS = 10;

    private final BlockingQueue<DeltaDiscoveryResponse> responses = new LinkedBlockingQueue<>();
    private final StreamObserver<DeltaDiscoveryRequest> requests;
    private final Node node;
    private boolean nodeSent;

    private DeltaStream(Channel channel, Node node) {
        this.node = node;
        this.requests = AggregatedDiscoveryServiceGrpc.newStub(channel).deltaAggregatedResources(new Responses());
    }

    public static DeltaStream open(Channel channel, Node node) {
        return new DeltaStream(channel, node);
    }

    /** Subscribes to {@code names} of the type; for clusters and listeners no names means wildcard. */
    public void subscribe(String typeUrl, List<String> names) {
        send(DeltaDiscoveryRequest.newBuilder().setTypeUrl(typeUrl).addAllResourceNamesSubscribe(names));
    }

    public void ack(DeltaDiscoveryResponse response) {
        send(DeltaDiscoveryRequest.newBuilder()
                .setTypeUrl(response.getTypeUrl())
                .setResponseNonce(response.getNonce()));
    }

    public void nack(DeltaDiscoveryResponse response, String error) {
        send(DeltaDiscoveryRequest.newBuilder()
                .setTypeUrl(response.getTypeUrl())
                .setResponseNonce(response.getNonce())
                .setErrorDetail(com.google.rpc.Status.newBuilder()
                        .setCode(Status.Code.INVALID_ARGUMENT.value())
                        .setMessage(error)));
    }

    /** The next response, waiting up to ten seconds. */
    public DeltaDiscoveryResponse next() {
        try {
            DeltaDiscoveryResponse response = responses.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            if (response == null) {
                throw new AssertionError("no delta response within " + WAIT_SECONDS + " s");
            }
            return response;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Override
    public void close() {
        requests.onCompleted();
    }

    private synchronized void send(DeltaDiscoveryRequest.Builder request) {
        if (!nodeSent) {
            request.setNode(node);
            nodeSent = true;
        }
        requests.onNext(request.build());
    }

    /** Queues responses; how the stream ends does not matter to delta tests. */
    private final class Responses implements StreamObserver<DeltaDiscoveryResponse> {
        @Override
        public void onNext(DeltaDiscoveryResponse response) {
            responses.add(response);
        }

        @Override
        public void onError(Throwable t) {
        }

        @Override
        public void onCompleted() {
        }
    }
}
