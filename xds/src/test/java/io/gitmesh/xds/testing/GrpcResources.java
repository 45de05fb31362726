package io.gitmesh.xds.testing;

import com.google.protobuf.Any;
import com.google.protobuf.UInt32Value;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.Address;
import io.envoyproxy.envoy.config.core.v3.AggregatedConfigSource;
import io.envoyproxy.envoy.config.core.v3.ApiVersion;
import io.envoyproxy.envoy.config.core.v3.ConfigSource;
import io.envoyproxy.envoy.config.core.v3.HealthStatus;
import io.envoyproxy.envoy.config.core.v3.Locality;
import io.envoyproxy.envoy.config.core.v3.SocketAddress;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.endpoint.v3.Endpoint;
import io.envoyproxy.envoy.config.endpoint.v3.LbEndpoint;
import io.envoyproxy.envoy.config.endpoint.v3.LocalityLbEndpoints;
import io.envoyproxy.envoy.config.listener.v3.ApiListener;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.RouteAction;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.config.route.v3.RouteMatch;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import io.envoyproxy.envoy.config.route.v3.WeightedCluster;
import io.envoyproxy.envoy.extensions.filters.http.router.v3.Router;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.Rds;
import io.gitmesh.xds.ProxyConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;

/**
 * Envoy v3 resources that grpc-java's xDS client accepts (shared/notes/harness.md §2): a client
 * listener with an API-listener HTTP connection manager using RDS over ADS, a route configuration with
 * weighted clusters, EDS clusters over ADS, and load assignments on 127.0.0.1.
 */
public final class GrpcResources {
    private static final ConfigSource ADS = ConfigSource.newBuilder()
            .setAds(AggregatedConfigSource.getDefaultInstance())
            .setResourceApiVersion(ApiVersion.V3)
            .build();

    private GrpcResources() {
    }

    /** The listener gRPC asks for when dialling {@code xds:///<name>}, routing by RDS to {@code routeConfig}. */
    public static Listener clientListener(String name, String routeConfig) {
        HttpConnectionManager manager = HttpConnectionManager.newBuilder()
                .setRds(Rds.newBuilder().setConfigSource(ADS).setRouteConfigName(routeConfig))
                .addHttpFilters(HttpFilter.newBuilder()
                        .setName("envoy.filters.http.router")
                        .setTypedConfig(Any.pack(Router.getDefaultInstance())))
                .build();
        return Listener.newBuilder()
                .setName(name)
                .setApiListener(ApiListener.newBuilder().setApiListener(Any.pack(manager)))
                .build();
    }

    /** One virtual host for {@code domain} whose single route splits by weight, in the map's order. */
    public static RouteConfiguration weightedRoute(String name, String domain, SequencedMap<String, Integer> weights) {
        WeightedCluster.Builder split = WeightedCluster.newBuilder();
        weights.forEach((cluster, weight) -> split.addClusters(WeightedCluster.ClusterWeight.newBuilder()
                .setName(cluster)
                .setWeight(UInt32Value.of(weight))));
        return RouteConfiguration.newBuilder()
                .setName(name)
                .addVirtualHosts(VirtualHost.newBuilder()
                        .setName(domain)
                        .addDomains(domain)
                        .addRoutes(Route.newBuilder()
                                .setMatch(RouteMatch.newBuilder().setPrefix(""))
                                .setRoute(RouteAction.newBuilder().setWeightedClusters(split))))
                .build();
    }

    /** A round-robin cluster whose endpoints come by EDS over ADS, under the cluster's own name. */
    public static Cluster edsCluster(String name) {
        return Cluster.newBuilder()
                .setName(name)
                .setType(Cluster.DiscoveryType.EDS)
                .setEdsClusterConfig(Cluster.EdsClusterConfig.newBuilder().setEdsConfig(ADS))
                .setLbPolicy(Cluster.LbPolicy.ROUND_ROBIN)
                .build();
    }

    /** Healthy endpoints on 127.0.0.1 in one locality of weight 1 (gRPC ignores localities without weight). */
    public static ClusterLoadAssignment endpoints(String cluster, List<Integer> ports) {
        LocalityLbEndpoints.Builder locality = LocalityLbEndpoints.newBuilder()
                .setLocality(Locality.newBuilder().setRegion("local").setZone("a"))
                .setLoadBalancingWeight(UInt32Value.of(1));
        for (int port : ports) {
            locality.addLbEndpoints(LbEndpoint.newBuilder()
                    .setHealthStatus(HealthStatus.HEALTHY)
                    .setEndpoint(Endpoint.newBuilder().setAddress(Address.newBuilder()
                            .setSocketAddress(SocketAddress.newBuilder().setAddress("127.0.0.1").setPortValue(port)))));
        }
        return ClusterLoadAssignment.newBuilder().setClusterName(cluster).addEndpoints(locality).build();
    }

    /**
     * A whole config for one service dialled as {@code xds:///<service>}: its listener, a route
     * {@code <service>-route} splitting by {@code weights}, and per cluster an EDS cluster and its
     * endpoints from {@code ports} (clusters without ports get none).
     */
    public static ProxyConfig service(String service, SequencedMap<String, Integer> weights,
            Map<String, List<Integer>> ports) {
        List<Cluster> clusters = new ArrayList<>();
        List<ClusterLoadAssignment> assignments = new ArrayList<>();
        weights.keySet().forEach(cluster -> {
            clusters.add(edsCluster(cluster));
            assignments.add(endpoints(cluster, ports.getOrDefault(cluster, List.of())));
        });
        return ProxyConfig.builder()
                .listeners(List.of(clientListener(service, service + "-route")))
                .routes(List.of(weightedRoute(service + "-route", service, weights)))
                .clusters(clusters)
                .endpoints(assignments)
                .build();
    }
}
