package io.gitmesh.injector.bootstrap;

import com.google.protobuf.Any;
import com.google.protobuf.BoolValue;
import com.google.protobuf.Duration;
import com.google.protobuf.UInt32Value;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.Address;
import io.envoyproxy.envoy.config.core.v3.HealthCheck;
import io.envoyproxy.envoy.config.core.v3.SocketAddress;
import io.envoyproxy.envoy.config.core.v3.TransportSocket;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.endpoint.v3.Endpoint;
import io.envoyproxy.envoy.config.endpoint.v3.LbEndpoint;
import io.envoyproxy.envoy.config.endpoint.v3.LocalityLbEndpoints;
import io.envoyproxy.envoy.config.listener.v3.Filter;
import io.envoyproxy.envoy.config.listener.v3.FilterChain;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.DirectResponseAction;
import io.envoyproxy.envoy.config.route.v3.HeaderMatcher;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.RouteAction;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.config.route.v3.RouteMatch;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import io.envoyproxy.envoy.extensions.filters.http.router.v3.Router;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext;
import io.envoyproxy.envoy.type.matcher.v3.StringMatcher;
import io.envoyproxy.envoy.type.v3.Percent;
import io.gitmesh.injector.mutate.ProbeKind;
import io.gitmesh.injector.mutate.ProbeTarget;
import io.gitmesh.injector.mutate.SidecarLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sidecar's static listeners and clusters, the ones that serve the pod itself rather than the mesh
 * (xDS never touches them; their names start with {@code gitmesh-}, which no xDS resource name does):
 * <ul>
 *   <li>{@value #METRICS_LISTENER} on {@value SidecarLayout#METRICS_PORT}: {@code /stats/prometheus} and
 *       {@code /ready}, forwarded to the admin interface, which stays on loopback;</li>
 *   <li>a probe listener per {@link ProbeKind} on its port: {@code GET /<container>} is forwarded to the
 *       app's original port with the original path ({@link ProbeTarget.Http}), or answered 200/503 by a
 *       health-check filter from an active TCP check of the app's port ({@link ProbeTarget.Tcp}); any
 *       other path is 404. Only the pairs the pod declares are reachable: the listener forwards nowhere
 *       else.</li>
 * </ul>
 */
final class LocalListeners {
    static final String METRICS_LISTENER = "gitmesh-metrics";
    static final String ADMIN_CLUSTER = "gitmesh-admin";
    private static final String LOOPBACK = "127.0.0.1";
    private static final String ANY_ADDRESS = "0.0.0.0";
    private static final Duration CONNECT_TIMEOUT = Duration.newBuilder().setSeconds(1).build();

    private LocalListeners() {
    }

    static List<Listener> listeners(List<ProbeTarget> targets) {
        List<Listener> listeners = new ArrayList<>();
        listeners.add(listener(METRICS_LISTENER, SidecarLayout.METRICS_PORT, List.of(
                route(SidecarLayout.READY_PATH, ADMIN_CLUSTER, SidecarLayout.READY_PATH),
                route(SidecarLayout.METRICS_PATH, ADMIN_CLUSTER, SidecarLayout.METRICS_PATH)), List.of()));
        for (ProbeKind kind : ProbeKind.values()) {
            List<Route> routes = new ArrayList<>();
            List<HttpFilter> healthChecks = new ArrayList<>();
            for (ProbeTarget target : targets) {
                if (target.kind() != kind) {
                    continue;
                }
                switch (target) {
                    case ProbeTarget.Http http -> routes.add(route(http.proxyPath(), cluster(http), http.path()));
                    case ProbeTarget.Tcp tcp -> healthChecks.add(healthCheckFilter(tcp));
                }
            }
            listeners.add(listener(probeListener(kind), kind.proxyPort(), routes, healthChecks));
        }
        return listeners;
    }

    static List<Cluster> clusters(List<ProbeTarget> targets) {
        Map<String, Cluster> clusters = new TreeMap<>();
        clusters.put(ADMIN_CLUSTER, local(ADMIN_CLUSTER, SidecarLayout.ADMIN_PORT).build());
        for (ProbeTarget target : targets) {
            Cluster cluster = switch (target) {
                case ProbeTarget.Http http -> {
                    Cluster.Builder builder = local(cluster(http), http.port());
                    if (http.tls()) {
                        builder.setTransportSocket(TransportSocket.newBuilder().setName("envoy.transport_sockets.tls")
                                .setTypedConfig(Any.pack(UpstreamTlsContext.getDefaultInstance())));
                    }
                    yield builder.build();
                }
                case ProbeTarget.Tcp tcp -> local(cluster(tcp), tcp.port()).addHealthChecks(HealthCheck.newBuilder()
                        .setTimeout(seconds(tcp.timeoutSeconds()))
                        .setInterval(seconds(tcp.periodSeconds()))
                        .setNoTrafficInterval(seconds(tcp.periodSeconds()))
                        .setUnhealthyThreshold(UInt32Value.of(1))
                        .setHealthyThreshold(UInt32Value.of(1))
                        .setTcpHealthCheck(HealthCheck.TcpHealthCheck.getDefaultInstance())).build();
            };
            clusters.put(cluster.getName(), cluster);
        }
        return List.copyOf(clusters.values());
    }

    static String probeListener(ProbeKind kind) {
        return "gitmesh-probe-" + kind.wireName();
    }

    /** HTTP targets on the same port and scheme share a cluster; each TCP target has its own health check. */
    private static String cluster(ProbeTarget target) {
        return switch (target) {
            case ProbeTarget.Http http -> "gitmesh-probe-" + (http.tls() ? "https" : "http") + ":" + http.port();
            case ProbeTarget.Tcp tcp -> "gitmesh-probe-tcp:" + tcp.key();
        };
    }

    private static Listener listener(String name, int port, List<Route> routes, List<HttpFilter> before) {
        HttpConnectionManager manager = HttpConnectionManager.newBuilder()
                .setStatPrefix(name)
                .setCodecType(HttpConnectionManager.CodecType.AUTO)
                .setRouteConfig(RouteConfiguration.newBuilder().setName(name).addVirtualHosts(VirtualHost.newBuilder()
                        .setName(name).addDomains("*").addAllRoutes(routes)
                        .addRoutes(Route.newBuilder().setMatch(RouteMatch.newBuilder().setPrefix("/"))
                                .setDirectResponse(DirectResponseAction.newBuilder().setStatus(404)))))
                .addAllHttpFilters(before)
                .addHttpFilters(HttpFilter.newBuilder().setName("envoy.filters.http.router")
                        .setTypedConfig(Any.pack(Router.getDefaultInstance())))
                .build();
        return Listener.newBuilder()
                .setName(name)
                .setAddress(address(ANY_ADDRESS, port))
                .addFilterChains(FilterChain.newBuilder().addFilters(Filter.newBuilder()
                        .setName("envoy.filters.network.http_connection_manager").setTypedConfig(Any.pack(manager))))
                .build();
    }

    private static Route route(String path, String cluster, String rewrittenPath) {
        return Route.newBuilder()
                .setMatch(RouteMatch.newBuilder().setPath(path))
                .setRoute(RouteAction.newBuilder().setCluster(cluster).setPrefixRewrite(rewrittenPath))
                .build();
    }

    private static HttpFilter healthCheckFilter(ProbeTarget.Tcp tcp) {
        var check = io.envoyproxy.envoy.extensions.filters.http.health_check.v3.HealthCheck.newBuilder()
                .setPassThroughMode(BoolValue.of(false))
                .addHeaders(HeaderMatcher.newBuilder().setName(":path")
                        .setStringMatch(StringMatcher.newBuilder().setExact(tcp.proxyPath())))
                .putClusterMinHealthyPercentages(cluster(tcp), Percent.newBuilder().setValue(100).build());
        return HttpFilter.newBuilder().setName("envoy.filters.http.health_check").setTypedConfig(Any.pack(check.build()))
                .build();
    }

    private static Cluster.Builder local(String name, int port) {
        return Cluster.newBuilder()
                .setName(name)
                .setType(Cluster.DiscoveryType.STATIC)
                .setConnectTimeout(CONNECT_TIMEOUT)
                .setLoadAssignment(ClusterLoadAssignment.newBuilder().setClusterName(name)
                        .addEndpoints(LocalityLbEndpoints.newBuilder().addLbEndpoints(LbEndpoint.newBuilder()
                                .setEndpoint(Endpoint.newBuilder().setAddress(address(LOOPBACK, port))))));
    }

    private static Address address(String ip, int port) {
        return Address.newBuilder().setSocketAddress(SocketAddress.newBuilder().setAddress(ip).setPortValue(port))
                .build();
    }

    private static Duration seconds(int seconds) {
        return Duration.newBuilder().setSeconds(seconds).build();
    }
}
