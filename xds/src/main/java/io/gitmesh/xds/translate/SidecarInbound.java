package io.gitmesh.xds.translate;

import com.google.protobuf.UInt32Value;
import io.envoyproxy.envoy.config.core.v3.TrafficDirection;
import io.envoyproxy.envoy.config.listener.v3.FilterChain;
import io.envoyproxy.envoy.config.listener.v3.FilterChainMatch;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.Rds;
import io.envoyproxy.envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The sidecar's inbound side: the listener on {@value ResourceNames#INBOUND_PORT} that iptables sends the
 * pod's incoming connections to. It requires mTLS with a client certificate of the trust bundle, and has a
 * filter chain per served Service port, matching the port the workload listens on and the Service's host
 * name, which the caller's sidecar sends as SNI:
 * <ul>
 *   <li>HTTP ports: an HTTP connection manager whose RBAC filter admits each source to the requests its
 *       permission allows ({@link RbacRules#forRequests}), then routes to the local cluster.</li>
 *   <li>TCP ports: network RBAC admitting the sources allowed the whole port, then a TCP proxy to the
 *       local cluster.</li>
 * </ul>
 * The local cluster of a port is the application on 127.0.0.1, spoken to in HTTP/2 when a Service serves
 * gRPC or HTTP/2 there. Admin (127.0.0.1:15000), metrics (15010) and probe (15901–15903) listeners belong
 * to the sidecar's bootstrap, not to xDS.
 */
final class SidecarInbound {
    private static final String TLS = "tls";

    private SidecarInbound() {
    }

    static void translate(ProxyScope scope, ResourceCollector out) {
        List<FilterChain> chains = new ArrayList<>();
        SortedMap<Integer, List<ServedPort>> byTarget = new TreeMap<>();
        for (ServedPort served : scope.served()) {
            chains.add(served.protocol().isHttp() ? httpChain(scope, served) : tcpChain(scope, served));
            byTarget.computeIfAbsent(served.targetPort(), target -> new ArrayList<>()).add(served);
        }
        byTarget.forEach((target, ports) -> {
            out.cluster(Clusters.local(target, ports.stream().anyMatch(p -> Clusters.needsHttp2(p.protocol()))));
            if (ports.stream().anyMatch(p -> p.protocol().isHttp())) {
                out.route(Routes.toApplication(target));
            }
        });
        if (!chains.isEmpty()) {
            chains.sort(Comparator.comparing(FilterChain::getName));
            out.listener(Listener.newBuilder()
                    .setName(ResourceNames.INBOUND_LISTENER)
                    .setAddress(Protos.anyAddress(ResourceNames.INBOUND_PORT))
                    .setTrafficDirection(TrafficDirection.INBOUND)
                    .addListenerFilters(Filters.originalDestination())
                    .addListenerFilters(Filters.tlsInspector())
                    .addAllFilterChains(chains)
                    .build());
        }
    }

    private static FilterChain httpChain(ProxyScope scope, ServedPort served) {
        String routeConfiguration = ResourceNames.inboundRouteConfiguration(served.targetPort());
        HttpConnectionManager manager = HttpConnectionManager.newBuilder()
                .setStatPrefix(routeConfiguration)
                .setRds(Rds.newBuilder().setConfigSource(Protos.ads()).setRouteConfigName(routeConfiguration))
                .addHttpFilters(Filters.httpRbac(RbacRules.forRequests(served.admission(),
                        CallerIdentification.PEER_CERTIFICATE, scope.trustDomain())))
                .addHttpFilters(Filters.router())
                .build();
        return chain(scope, served).addFilters(Filters.httpConnectionManager(manager)).build();
    }

    private static FilterChain tcpChain(ProxyScope scope, ServedPort served) {
        String name = chainName(served);
        return chain(scope, served)
                .addFilters(Filters.networkRbac(RbacRules.forConnections(served.admission(),
                        CallerIdentification.PEER_CERTIFICATE, scope.trustDomain()), name))
                .addFilters(Filters.tcpProxy(TcpProxy.newBuilder()
                        .setStatPrefix(name)
                        .setCluster(ResourceNames.localCluster(served.targetPort()))
                        .build()))
                .build();
    }

    private static FilterChain.Builder chain(ProxyScope scope, ServedPort served) {
        return FilterChain.newBuilder()
                .setName(chainName(served))
                .setFilterChainMatch(FilterChainMatch.newBuilder()
                        .setDestinationPort(UInt32Value.of(served.targetPort()))
                        .addServerNames(ResourceNames.hostName(served.service()))
                        .setTransportProtocol(TLS))
                .setTransportSocket(TlsContexts.sidecarDownstream(scope.identity(), scope.trustDomain()));
    }

    private static String chainName(ServedPort served) {
        return ResourceNames.inboundFilterChain(served.service(), served.number(), served.targetPort());
    }
}
