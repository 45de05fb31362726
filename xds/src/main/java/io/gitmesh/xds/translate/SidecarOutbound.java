package io.gitmesh.xds.translate;

import com.google.protobuf.BoolValue;
import com.google.protobuf.UInt32Value;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.TrafficDirection;
import io.envoyproxy.envoy.config.listener.v3.FilterChain;
import io.envoyproxy.envoy.config.listener.v3.FilterChainMatch;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.Rds;
import io.envoyproxy.envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy;
import io.gitmesh.model.OutboundPort;
import io.gitmesh.model.Protocol;
import io.gitmesh.model.WeightedBackend;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The sidecar's outbound side: the listener on {@value ResourceNames#OUTBOUND_PORT} that iptables sends
 * the pod's connections to, with a filter chain per reachable Service port, matching the address the
 * connection was dialled to (its original destination) and the port.
 * <ul>
 *   <li>HTTP ports: an HTTP connection manager over RDS, one route configuration per port number with a
 *       virtual host per Service ({@link Routes}); Services share it and the Host header
 *       decides.</li>
 *   <li>TCP ports: a TCP proxy to the backends of the port's routing, weighted when split (TCP cannot
 *       weigh a backend at 0, so those are left out).</li>
 *   <li>A Service whose addresses are unknown (manifests without ClusterIPs) is matched on the port
 *       alone. HTTP Services can share such a chain, the Host header telling them apart; a TCP Service
 *       gets it only when nothing else needs it, since nothing could tell the connections apart. The
 *       same holds for Services sharing addresses, as headless ones selecting the same pods may.</li>
 * </ul>
 * Connections nothing matches are closed: in SMI mode a sidecar only knows what its identity may reach.
 * Every backend gets an EDS cluster with mTLS ({@link TlsContexts#sidecarUpstream}).
 */
final class SidecarOutbound {

    /** The destination a filter chain matches: a port and the addresses (none: any address). */
    private record Destination(int port, List<String> addresses) {
    }

    private SidecarOutbound() {
    }

    static void translate(ProxyScope scope, ResourceCollector out) {
        Map<Destination, List<OutboundPort>> byDestination = new LinkedHashMap<>();
        for (OutboundPort port : scope.outbound()) {
            List<String> addresses = ServiceAddresses.of(scope.service(port.service()), port.port());
            byDestination.computeIfAbsent(new Destination(port.number(), addresses), d -> new ArrayList<>()).add(port);
        }
        List<FilterChain> chains = new ArrayList<>();
        SortedMap<Integer, List<OutboundPort>> httpByNumber = new TreeMap<>();
        byDestination.forEach((destination, ports) -> {
            List<OutboundPort> http = ports.stream().filter(p -> p.protocol().isHttp()).toList();
            if (!http.isEmpty()) {
                chains.add(httpChain(destination, http.getFirst()));
                http.forEach(p -> httpByNumber.computeIfAbsent(p.number(), n -> new ArrayList<>()).add(p));
                http.forEach(p -> addBackends(scope, out, p));
            } else if (ports.size() == 1) {
                chains.add(tcpChain(destination, ports.getFirst()));
                addBackends(scope, out, ports.getFirst());
            }
        });
        httpByNumber.forEach((number, ports) -> out.route(RouteConfiguration.newBuilder()
                .setName(ResourceNames.outboundRouteConfiguration(number))
                .addAllVirtualHosts(ports.stream()
                        .map(p -> Routes.virtualHost(scope.service(p.service()), p,
                                scope.identity().namespace()))
                        .toList())
                .build()));
        if (!chains.isEmpty()) {
            chains.sort(Comparator.comparing(FilterChain::getName));
            out.listener(Listener.newBuilder()
                    .setName(ResourceNames.OUTBOUND_LISTENER)
                    .setAddress(Protos.anyAddress(ResourceNames.OUTBOUND_PORT))
                    .setTrafficDirection(TrafficDirection.OUTBOUND)
                    .setUseOriginalDst(BoolValue.of(true))
                    .addListenerFilters(Filters.originalDestination())
                    .addAllFilterChains(chains)
                    .build());
        }
    }

    private static FilterChain httpChain(Destination destination, OutboundPort first) {
        String routeConfiguration = ResourceNames.outboundRouteConfiguration(destination.port());
        HttpConnectionManager manager = HttpConnectionManager.newBuilder()
                .setStatPrefix(routeConfiguration)
                .setRds(Rds.newBuilder().setConfigSource(Protos.ads()).setRouteConfigName(routeConfiguration))
                .addHttpFilters(Filters.router())
                .build();
        return FilterChain.newBuilder()
                .setName(chainName(destination, first))
                .setFilterChainMatch(match(destination))
                .addFilters(Filters.httpConnectionManager(manager))
                .build();
    }

    private static FilterChain tcpChain(Destination destination, OutboundPort port) {
        String name = chainName(destination, port);
        List<WeightedBackend> backends = port.routing().defaultRoute().backends().stream()
                .filter(backend -> backend.percent() > 0)
                .toList();
        TcpProxy.Builder proxy = TcpProxy.newBuilder().setStatPrefix(name);
        if (backends.size() == 1) {
            proxy.setCluster(ResourceNames.cluster(backends.getFirst().service(), backends.getFirst().port()));
        } else {
            TcpProxy.WeightedCluster.Builder weighted = TcpProxy.WeightedCluster.newBuilder();
            backends.forEach(backend -> weighted.addClusters(TcpProxy.WeightedCluster.ClusterWeight.newBuilder()
                    .setName(ResourceNames.cluster(backend.service(), backend.port()))
                    .setWeight(backend.percent())));
            proxy.setWeightedClusters(weighted);
        }
        return FilterChain.newBuilder()
                .setName(name)
                .setFilterChainMatch(match(destination))
                .addFilters(Filters.tcpProxy(proxy.build()))
                .build();
    }

    private static String chainName(Destination destination, OutboundPort first) {
        return destination.addresses().isEmpty()
                ? ResourceNames.outboundPortFilterChain(destination.port())
                : ResourceNames.outboundFilterChain(first.service(), destination.port());
    }

    private static FilterChainMatch match(Destination destination) {
        FilterChainMatch.Builder match = FilterChainMatch.newBuilder()
                .setDestinationPort(UInt32Value.of(destination.port()));
        destination.addresses().forEach(address -> match.addPrefixRanges(ServiceAddresses.single(address)));
        return match.build();
    }

    private static void addBackends(ProxyScope scope, ResourceCollector out, OutboundPort port) {
        Clusters.addBackends(out, scope, port, (backend, protocol) -> cluster(scope, backend, protocol));
    }

    private static Cluster cluster(ProxyScope scope, WeightedBackend backend, Protocol protocol) {
        Cluster.Builder cluster = Clusters.eds(ResourceNames.cluster(backend.service(), backend.port()))
                .setTransportSocket(TlsContexts.sidecarUpstream(scope.identity(), scope.trustDomain(),
                        backend.identities(), ResourceNames.hostName(backend.service())));
        return (Clusters.needsHttp2(protocol) ? Clusters.speakingHttp2(cluster) : cluster).build();
    }
}
