package io.gitmesh.xds.server;

import io.envoyproxy.controlplane.cache.Resources;
import io.envoyproxy.controlplane.cache.Resources.ResourceType;
import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.service.cluster.v3.ClusterDiscoveryServiceGrpc;
import io.envoyproxy.envoy.service.endpoint.v3.EndpointDiscoveryServiceGrpc;
import io.envoyproxy.envoy.service.listener.v3.ListenerDiscoveryServiceGrpc;
import io.envoyproxy.envoy.service.route.v3.RouteDiscoveryServiceGrpc;
import io.envoyproxy.envoy.service.secret.v3.SecretDiscoveryServiceGrpc;
import io.gitmesh.xds.SnapshotGroup;
import io.gitmesh.xds.SnapshotGroupResolver;
import io.grpc.ForwardingServerCall;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pins every xDS stream to the node of its first request and to that node's {@link SnapshotGroup}.
 *
 * <p>Envoy sends {@code node} only on a stream's first request when {@code set_node_on_first_message_only}
 * is set, and java-control-plane 1.0.49 computes the group from each request's own node, so later
 * requests would land in the group of an empty node. Here the first request's node is resolved once;
 * a stream without one, or whose node maps to no group, is refused before java-control-plane sees it.
 * Every request is then handed on carrying that same node instance (a node sent later is ignored), and
 * the cache finds the group by that instance ({@link ProxyTracker#groupOfPinned}). The interceptor also
 * records each response's nonce and version and each ACK or NACK, for both protocol variants and every
 * service (ADS and the per-type ones); it fills in the type a per-type request leaves implicit and keeps
 * a NACK from making java-control-plane re-send the rejected version ({@link XdsMessages#forwarded}).
 *
 * <p>Over mTLS the node's group must belong to the identity of the stream's client certificate
 * ({@link IdentityBinding}): a node claiming another namespace, service account or trust domain is
 * refused with {@code PERMISSION_DENIED}, so no stream ever receives another identity's config or
 * secrets. Every refused stream is logged (node id, claimed and presented identity) and counted in
 * {@value #REFUSED}, tagged with its {@code reason}.
 */
final class StreamPinning implements ServerInterceptor {
    private static final Logger LOG = LoggerFactory.getLogger(StreamPinning.class);
    /** The one type each per-type service serves; ADS has none, its requests must name theirs. */
    private static final Map<String, String> TYPE_OF_SERVICE = Map.of(
            ClusterDiscoveryServiceGrpc.SERVICE_NAME, Resources.V3.CLUSTER_TYPE_URL,
            EndpointDiscoveryServiceGrpc.SERVICE_NAME, Resources.V3.ENDPOINT_TYPE_URL,
            ListenerDiscoveryServiceGrpc.SERVICE_NAME, Resources.V3.LISTENER_TYPE_URL,
            RouteDiscoveryServiceGrpc.SERVICE_NAME, Resources.V3.ROUTE_TYPE_URL,
            SecretDiscoveryServiceGrpc.SERVICE_NAME, Resources.V3.SECRET_TYPE_URL);

    /** The counter of refused streams; tag {@code reason}. */
    static final String REFUSED = "gitmesh.xds.streams.refused";

    private final SnapshotGroupResolver resolver;
    private final ProxyTracker tracker;
    private final IdentityBinding binding;
    private final MeterRegistry meters;

    StreamPinning(SnapshotGroupResolver resolver, ProxyTracker tracker, IdentityBinding binding, MeterRegistry meters) {
        this.resolver = resolver;
        this.tracker = tracker;
        this.binding = binding;
        this.meters = meters;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        // java-control-plane's handler starts only once the first request is resolved; ask for that request here
        call.request(1);
        return new PinningListener<>(call, headers, next);
    }

    /** Holds the call back from java-control-plane until its first request has pinned it. */
    private final class PinningListener<Q, R> extends ServerCall.Listener<Q> {
        private final ServerCall<Q, R> call;
        private final Metadata headers;
        private final ServerCallHandler<Q, R> next;
        private final String defaultTypeUrl;
        private TrackedStream stream;
        private ServerCall.Listener<Q> delegate;
        private boolean closed;

        PinningListener(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
            this.call = call;
            this.headers = headers;
            this.next = next;
            this.defaultTypeUrl = TYPE_OF_SERVICE.getOrDefault(call.getMethodDescriptor().getServiceName(), "");
        }

        @Override
        public void onMessage(Q message) {
            if (closed) {
                return;
            }
            XdsMessages.Request request = XdsMessages.Request.of(message);
            if (stream == null && !pin(request)) {
                return;
            }
            LOG.debug("request stream={} node={} group={} type={} names={} nonce={} nack={}", stream.id(),
                    stream.node().getId(), stream.group(), request.typeUrl(), request.names(),
                    request.responseNonce(), request.error().isPresent());
            Optional<String> rejected = tracker.answered(stream, request.responseNonce(), request.error())
                    .filter(answer -> answer.error().isPresent())
                    .map(TrackedStream.Answer::version);
            @SuppressWarnings("unchecked") // forwarded returns the request's own class
            Q forwarded = (Q) XdsMessages.forwarded(message, stream.node(), defaultTypeUrl, rejected);
            delegate.onMessage(forwarded);
        }

        @Override
        public void onHalfClose() {
            if (delegate != null) {
                delegate.onHalfClose();
            } else if (!closed) {
                close(Status.OK);
            }
        }

        @Override
        public void onCancel() {
            if (stream != null) {
                tracker.unregister(stream);
            }
            if (delegate != null) {
                delegate.onCancel();
            }
        }

        @Override
        public void onComplete() {
            if (stream != null) {
                tracker.unregister(stream);
            }
            if (delegate != null) {
                delegate.onComplete();
            }
        }

        @Override
        public void onReady() {
            if (delegate != null) {
                delegate.onReady();
            }
        }

        private boolean pin(XdsMessages.Request request) {
            if (request.node().isEmpty()) {
                refuse("no-node", Status.INVALID_ARGUMENT
                        .withDescription("the first request of an xDS stream must carry the node"));
                return false;
            }
            Node node = request.node().get();
            Optional<SnapshotGroup> group = resolver.groupOf(node);
            if (group.isEmpty()) {
                refuse("no-group", Status.FAILED_PRECONDITION.withDescription("node \"" + node.getId()
                        + "\" maps to no snapshot group; a gitmesh bootstrap sets the node metadata"
                        + " gitmesh.io/namespace, gitmesh.io/service-account and gitmesh.io/flavour"));
                return false;
            }
            Optional<IdentityBinding.Refusal> refusal =
                    binding.refusal(call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION), group.get());
            if (refusal.isPresent()) {
                IdentityBinding.Refusal refused = refusal.get();
                LOG.warn("refused xDS stream node={} claimed={} presented={} reason={}", node.getId(), group.get(),
                        refused.presented(), refused.reason());
                count(refused.reason());
                close(refused.status());
                return false;
            }
            stream = tracker.register(node, group.get());
            LOG.debug("open stream={} node={} group={} method={}", stream.id(), node.getId(), group.get(),
                    call.getMethodDescriptor().getFullMethodName());
            delegate = next.startCall(new TrackingCall<>(call, stream), headers);
            return true;
        }

        private void refuse(String reason, Status status) {
            LOG.warn("refused xDS stream: {}", status.getDescription());
            count(reason);
            close(status);
        }

        private void count(String reason) {
            meters.counter(REFUSED, "reason", reason).increment();
        }

        private void close(Status status) {
            closed = true;
            call.close(status, new Metadata());
        }
    }

    /** Records every response's nonce and version before it goes out, so no answer can outrun it. */
    private static final class TrackingCall<Q, R> extends ForwardingServerCall.SimpleForwardingServerCall<Q, R> {
        private final TrackedStream stream;

        TrackingCall(ServerCall<Q, R> call, TrackedStream stream) {
            super(call);
            this.stream = stream;
        }

        @Override
        public void sendMessage(R message) {
            XdsMessages.Response response = XdsMessages.Response.of(message);
            ResourceType type = Resources.TYPE_URLS_TO_RESOURCE_TYPE.get(response.typeUrl());
            if (type != null) {
                stream.sent(type, response.nonce(), response.version());
            }
            super.sendMessage(message);
        }
    }
}
