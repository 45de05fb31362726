package io.gitmesh.xds.testing;

import io.envoyproxy.controlplane.cache.Resources;
import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.service.discovery.v3.AggregatedDiscoveryServiceGrpc;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A hand-driven state-of-the-world ADS stream: the test decides what to request, ACK or NACK, and
 * reads each response. It remembers the names it subscribed per type (an ACK repeats them, as real
 * clients do) and the last nonce per type. With {@code nodeOnFirstRequestOnly} it behaves like Envoy
 * with {@code set_node_on_first_message_only}.
 */
public final class SotwStream implements AutoCloseable {
    private static final long WAIT_SECONDS = 10;

    private final BlockingQueue<DiscoveryResponse> responses = new LinkedBlockingQueue<>();
    private final CompletableFuture<Status> closed = new CompletableFuture<>();
    private final Map<String, List<String>> subscriptions = new HashMap<>();
    private final Map<String, String> lastNonces = new HashMap<>();
    private final StreamObserver<DiscoveryRequest> requests;
    private final Node node;
    private final boolean nodeOnFirstRequestOnly;
    private boolean nodeSent;

    private SotwStream(Channel channel, Node node, boolean nodeOnFirstRequestOnly) {
        this.node = node;
        this.nodeOnFirstRequestOnly = nodeOnFirstRequestOnly;
        this.requests = AggregatedDiscoveryServiceGrpc.newStub(channel).streamAggregatedResources(new Responses());
    }

    public static SotwStream open(Channel channel, Node node, boolean nodeOnFirstRequestOnly) {
        return new SotwStream(channel, node, nodeOnFirstRequestOnly);
    }

    /** A stream whose requests never carry a node. */
    public static SotwStream withoutNode(Channel channel) {
        return new SotwStream(channel, null, true);
    }

    /** Subscribes to {@code names} of the type (none: wildcard), as a first request of that type. */
    public void request(String typeUrl, List<String> names) {
        subscriptions.put(typeUrl, List.copyOf(names));
        send(DiscoveryRequest.newBuilder().setTypeUrl(typeUrl).addAllResourceNames(names)
                .setResponseNonce(lastNonces.getOrDefault(typeUrl, "")));
    }

    /** Accepts the response, keeping the type's subscription. */
    public void ack(DiscoveryResponse response) {
        send(DiscoveryRequest.newBuilder().setTypeUrl(response.getTypeUrl())
                .addAllResourceNames(subscriptions.getOrDefault(response.getTypeUrl(), List.of()))
                .setVersionInfo(response.getVersionInfo())
                .setResponseNonce(response.getNonce()));
    }

    /** Rejects the response, staying on {@code acceptedVersion}. */
    public void nack(DiscoveryResponse response, String acceptedVersion, String error) {
        send(DiscoveryRequest.newBuilder().setTypeUrl(response.getTypeUrl())
                .addAllResourceNames(subscriptions.getOrDefault(response.getTypeUrl(), List.of()))
                .setVersionInfo(acceptedVersion)
                .setResponseNonce(response.getNonce())
                .setErrorDetail(com.google.rpc.Status.newBuilder()
                        .setCode(Status.Code.INVALID_ARGUMENT.value())
                        .setMessage(error)));
    }

    /** The next response, waiting up to ten seconds. */
    public DiscoveryResponse next() {
        try {
            DiscoveryResponse response = responses.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            if (response == null) {
                throw new AssertionError("no response within " + WAIT_SECONDS + " s" + closedNote());
            }
            lastNonces.put(response.getTypeUrl(), response.getNonce());
            return response;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The next response, which must be of {@code typeUrl}. */
    public DiscoveryResponse next(String typeUrl) {
        DiscoveryResponse response = next();
        if (!response.getTypeUrl().equals(typeUrl)) {
            throw new AssertionError("expected a response of " + typeUrl + " but got " + response.getTypeUrl());
        }
        return response;
    }

    /**
     * Every response the server has queued for this stream so far. Sends a secrets request the server
     * answers at once, on the same ordered queue as everything it sent before, and returns what
     * arrived ahead of that answer.
     */
    public List<DiscoveryResponse> responsesSoFar() {
        String secrets = Resources.V3.SECRET_TYPE_URL;
        send(DiscoveryRequest.newBuilder().setTypeUrl(secrets).setResponseNonce(lastNonces.getOrDefault(secrets, "")));
        List<DiscoveryResponse> before = new ArrayList<>();
        for (DiscoveryResponse response = next(); !response.getTypeUrl().equals(secrets); response = next()) {
            before.add(response);
        }
        return before;
    }

    /** How the server closed the stream, waiting up to ten seconds. */
    public Status awaitClosed() {
        return closed.orTimeout(WAIT_SECONDS, TimeUnit.SECONDS).join();
    }

    @Override
    public void close() {
        if (!closed.isDone()) {
            requests.onCompleted();
        }
    }

    private synchronized void send(DiscoveryRequest.Builder request) {
        if (node != null && (!nodeSent || !nodeOnFirstRequestOnly)) {
            request.setNode(node);
            nodeSent = true;
        }
        requests.onNext(request.build());
    }

    private String closedNote() {
        return closed.isDone() ? " (stream closed: " + closed.join() + ")" : "";
    }

    /** Queues responses and notes how the stream ended. */
    private final class Responses implements StreamObserver<DiscoveryResponse> {
        @Override
        public void onNext(DiscoveryResponse response) {
            responses.add(response);
        }

        @Override
        public void onError(Throwable t) {
            closed.complete(Status.fromThrowable(t));
        }

        @Override
        public void onCompleted() {
            closed.complete(Status.OK);
        }
    }
}
