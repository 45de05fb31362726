package io.gitmesh.bench.push;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import io.envoyproxy.controlplane.cache.Resources;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.config.listener.v3.Filter;
import io.envoyproxy.envoy.config.listener.v3.FilterChain;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.service.discovery.v3.AggregatedDiscoveryServiceGrpc;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import io.grpc.Channel;
import io.grpc.stub.StreamObserver;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * One state-of-the-world ADS stream that behaves like an Envoy sidecar: it asks for every cluster and
 * listener (wildcard), then for the load assignments of the EDS clusters and the route configurations
 * the listeners name, re-subscribing whenever those names change, and ACKs every response. The node
 * goes on the first request only ({@code set_node_on_first_message_only}). It counts what it receives.
 */
final class ProxyStream implements StreamObserver<DiscoveryResponse> {
    private static final String CLUSTERS = Resources.V3.CLUSTER_TYPE_URL;
    private static final String ENDPOINTS = Resources.V3.ENDPOINT_TYPE_URL;
    private static final String LISTENERS = Resources.V3.LISTENER_TYPE_URL;
    private static final String ROUTES = Resources.V3.ROUTE_TYPE_URL;

    private final Node node;
    private final StreamObserver<DiscoveryRequest> requests;
    private final AtomicInteger received = new AtomicInteger();
    private final AtomicInteger receivedSinceMark = new AtomicInteger();
    private volatile boolean closed;
    /** Guarded by {@code this}, like every request sent. */
    private final Map<String, SortedSet<String>> subscriptions = new HashMap<>();
    private final Map<String, String> lastNonces = new HashMap<>();
    private boolean nodeSent;

    private ProxyStream(Channel channel, Node node) {
        this.node = node;
        this.requests = AggregatedDiscoveryServiceGrpc.newStub(channel).streamAggregatedResources(this);
    }

    /** Opens the stream and asks for every cluster and listener. */
    static ProxyStream open(Channel channel, Node node) {
        ProxyStream stream = new ProxyStream(channel, node);
        synchronized (stream) {
            stream.subscribe(CLUSTERS, new TreeSet<>());
            stream.subscribe(LISTENERS, new TreeSet<>());
        }
        return stream;
    }

    @Override
    public synchronized void onNext(DiscoveryResponse response) {
        received.incrementAndGet();
        receivedSinceMark.incrementAndGet();
        String type = response.getTypeUrl();
        lastNonces.put(type, response.getNonce());
        try {
            switch (type) {
                case CLUSTERS -> follow(ENDPOINTS, loadAssignmentNames(response.getResourcesList()));
                case LISTENERS -> follow(ROUTES, routeConfigurationNames(response.getResourcesList()));
                default -> {
                }
            }
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("the server sent a resource that does not parse: " + e.getMessage(), e);
        }
        send(DiscoveryRequest.newBuilder()
                .setTypeUrl(type)
                .addAllResourceNames(subscriptions.getOrDefault(type, new TreeSet<>()))
                .setVersionInfo(response.getVersionInfo())
                .setResponseNonce(response.getNonce()));
    }

    @Override
    public void onError(Throwable t) {
        closed = true;
    }

    @Override
    public void onCompleted() {
        closed = true;
    }

    int received() {
        return received.get();
    }

    /** Responses since the last call; starts counting anew. */
    int takeReceivedSinceMark() {
        return receivedSinceMark.getAndSet(0);
    }

    boolean closed() {
        return closed;
    }

    void close() {
        if (!closed) {
            synchronized (this) {
                requests.onCompleted();
            }
        }
    }

    /** Subscribes to {@code names} of {@code type} when they differ from the current subscription. */
    private void follow(String type, SortedSet<String> names) {
        if (!names.equals(subscriptions.get(type))) {
            subscribe(type, names);
        }
    }

    private void subscribe(String type, SortedSet<String> names) {
        subscriptions.put(type, names);
        send(DiscoveryRequest.newBuilder().setTypeUrl(type).addAllResourceNames(names)
                .setResponseNonce(lastNonces.getOrDefault(type, "")));
    }

    private void send(DiscoveryRequest.Builder request) {
        if (!nodeSent) {
            request.setNode(node);
            nodeSent = true;
        }
        requests.onNext(request.build());
    }

    private static SortedSet<String> loadAssignmentNames(List<Any> clusters) throws InvalidProtocolBufferException {
        SortedSet<String> names = new TreeSet<>();
        for (Any any : clusters) {
            Cluster cluster = any.unpack(Cluster.class);
            if (cluster.getType() == Cluster.DiscoveryType.EDS) {
                String serviceName = cluster.getEdsClusterConfig().getServiceName();
                names.add(serviceName.isEmpty() ? cluster.getName() : serviceName);
            }
        }
        return names;
    }

    private static SortedSet<String> routeConfigurationNames(List<Any> listeners) throws InvalidProtocolBufferException {
        SortedSet<String> names = new TreeSet<>();
        for (Any any : listeners) {
            Listener listener = any.unpack(Listener.class);
            List<Filter> filters = Stream.concat(listener.getFilterChainsList().stream(),
                            listener.hasDefaultFilterChain() ? Stream.of(listener.getDefaultFilterChain()) : Stream.empty())
                    .map(FilterChain::getFiltersList)
                    .flatMap(List::stream)
                    .toList();
            for (Filter filter : filters) {
                if (filter.getTypedConfig().is(HttpConnectionManager.class)) {
                    HttpConnectionManager manager = filter.getTypedConfig().unpack(HttpConnectionManager.class);
                    if (manager.hasRds()) {
                        names.add(manager.getRds().getRouteConfigName());
                    }
                }
            }
        }
        return names;
    }
}
