package io.gitmesh.xds.translate;

import com.google.protobuf.UInt32Value;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.HealthStatus;
import io.envoyproxy.envoy.config.core.v3.Http2ProtocolOptions;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.endpoint.v3.LbEndpoint;
import io.envoyproxy.envoy.config.endpoint.v3.LocalityLbEndpoints;
import io.envoyproxy.envoy.extensions.upstreams.http.v3.HttpProtocolOptions;
import io.gitmesh.model.Endpoint;
import io.gitmesh.model.MeshPort;
import io.gitmesh.model.OutboundPort;
import io.gitmesh.model.Protocol;
import io.gitmesh.model.WeightedBackend;
import java.util.List;
import java.util.Optional;

/** Clusters and their load assignments. */
final class Clusters {
    /** The key under which Envoy reads a cluster's HTTP protocol options. */
    static final String HTTP_PROTOCOL_OPTIONS = "envoy.extensions.upstreams.http.v3.HttpProtocolOptions";
    private static final String LOOPBACK = "127.0.0.1";

    /** Builds the cluster of one backend Service port, spoken to in {@code protocol}. */
    @FunctionalInterface
    interface BackendCluster {
        Cluster of(WeightedBackend backend, Protocol protocol);
    }

    private Clusters() {
    }

    /**
     * Adds a cluster and a load assignment for every backend the port routes to, those with 0 % included
     * (routes still name them). A backend is spoken to in its own port's protocol.
     */
    static void addBackends(ResourceCollector out, ProxyScope scope, OutboundPort root, BackendCluster cluster) {
        for (WeightedBackend backend : root.routing().backends()) {
            Optional<MeshPort> port = scope.backendService(backend.service()).flatMap(s -> s.port(backend.port()));
            out.cluster(cluster.of(backend, port.map(MeshPort::protocol).orElse(root.protocol())));
            out.endpoints(loadAssignment(ResourceNames.cluster(backend.service(), backend.port()),
                    port.map(MeshPort::endpoints).orElse(List.of())));
        }
    }

    /** A round-robin cluster whose endpoints come over ADS (EDS), under the cluster's own name. */
    static Cluster.Builder eds(String name) {
        return Cluster.newBuilder()
                .setName(name)
                .setType(Cluster.DiscoveryType.EDS)
                .setEdsClusterConfig(Cluster.EdsClusterConfig.newBuilder().setEdsConfig(Protos.ads()))
                .setLbPolicy(Cluster.LbPolicy.ROUND_ROBIN);
    }

    /** The application behind a sidecar, on the loopback address at the port it listens on. */
    static Cluster local(int targetPort, boolean http2) {
        String name = ResourceNames.localCluster(targetPort);
        Cluster.Builder cluster = Cluster.newBuilder()
                .setName(name)
                .setType(Cluster.DiscoveryType.STATIC)
                .setLoadAssignment(ClusterLoadAssignment.newBuilder()
                        .setClusterName(name)
                        .addEndpoints(LocalityLbEndpoints.newBuilder()
                                .addLbEndpoints(lbEndpoint(LOOPBACK, targetPort, HealthStatus.HEALTHY))));
        return (http2 ? speakingHttp2(cluster) : cluster).build();
    }

    /** Whether a sidecar must speak HTTP/2 to a port of this protocol (it would speak HTTP/1.1 otherwise). */
    static boolean needsHttp2(Protocol protocol) {
        return protocol == Protocol.HTTP2 || protocol == Protocol.GRPC;
    }

    /** An Envoy cluster that speaks HTTP/2 to its endpoints. */
    static Cluster.Builder speakingHttp2(Cluster.Builder cluster) {
        HttpProtocolOptions options = HttpProtocolOptions.newBuilder()
                .setExplicitHttpConfig(HttpProtocolOptions.ExplicitHttpConfig.newBuilder()
                        .setHttp2ProtocolOptions(Http2ProtocolOptions.getDefaultInstance()))
                .build();
        return cluster.putTypedExtensionProtocolOptions(HTTP_PROTOCOL_OPTIONS, Protos.pack(options));
    }

    /**
     * The endpoints of a cluster in one locality of weight 1 (gRPC ignores a locality without weight):
     * ready endpoints healthy, the others unhealthy, so that neither flavour sends them requests.
     */
    static ClusterLoadAssignment loadAssignment(String clusterName, List<Endpoint> endpoints) {
        ClusterLoadAssignment.Builder assignment = ClusterLoadAssignment.newBuilder().setClusterName(clusterName);
        if (!endpoints.isEmpty()) {
            LocalityLbEndpoints.Builder locality = LocalityLbEndpoints.newBuilder()
                    .setLoadBalancingWeight(UInt32Value.of(1));
            endpoints.forEach(endpoint -> locality.addLbEndpoints(lbEndpoint(endpoint.address(), endpoint.port(),
                    endpoint.ready() ? HealthStatus.HEALTHY : HealthStatus.UNHEALTHY)));
            assignment.addEndpoints(locality);
        }
        return assignment.build();
    }

    private static LbEndpoint lbEndpoint(String address, int port, HealthStatus health) {
        return LbEndpoint.newBuilder()
                .setEndpoint(io.envoyproxy.envoy.config.endpoint.v3.Endpoint.newBuilder()
                        .setAddress(Protos.socketAddress(address, port)))
                .setHealthStatus(health)
                .build();
    }
}
