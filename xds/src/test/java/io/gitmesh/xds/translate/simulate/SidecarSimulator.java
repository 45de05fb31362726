package io.gitmesh.xds.translate.simulate;

import io.envoyproxy.envoy.config.listener.v3.Filter;
import io.envoyproxy.envoy.config.listener.v3.FilterChain;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.SubjectAltNameMatcher;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext;
import io.envoyproxy.envoy.type.matcher.v3.StringMatcher;
import io.gitmesh.xds.ProxyConfig;
import io.gitmesh.xds.translate.ResourceNames;
import io.gitmesh.xds.translate.simulate.Outbound.Forwarded;
import io.gitmesh.xds.translate.simulate.Outbound.Refused;
import io.gitmesh.xds.translate.simulate.Outbound.Share;
import java.util.List;
import java.util.Optional;

/**
 * Walks an Envoy sidecar's config as Envoy would: outbound, from the listener on 15001 through the filter
 * chain for the original destination, the HTTP connection manager, RDS, virtual host and route (or the TCP
 * proxy) to weighted clusters; inbound, from the listener on 15003 through the chain for the port and SNI,
 * the mTLS requirement and RBAC to the local cluster.
 */
public final class SidecarSimulator {
    private final ConfigLookup config;

    public SidecarSimulator(ProxyConfig config) {
        this.config = new ConfigLookup(config);
    }

    /**
     * Where the call goes.
     *
     * @param destinationAddress the address the caller dialled (the Service's ClusterIP); empty when unknown
     */
    public Outbound outbound(Call call, Optional<String> destinationAddress) {
        Optional<Listener> listener = config.listener(ResourceNames.OUTBOUND_LISTENER);
        if (listener.isEmpty()) {
            return new Refused("no outbound listener: the connection is refused");
        }
        Optional<FilterChain> chain = FilterChains.select(listener.get(), call.port(), destinationAddress,
                Optional.empty(), false);
        if (chain.isEmpty()) {
            return new Refused("no filter chain for " + destinationAddress.orElse(call.host()) + ":" + call.port()
                    + ": the connection is closed");
        }
        Filter last = chain.get().getFiltersList().getLast();
        if (last.getTypedConfig().is(TcpProxy.class)) {
            return new Forwarded(chain.get().getName(),
                    config.checked(tcpShares(ConfigLookup.unpack(last.getTypedConfig(), TcpProxy.class))));
        }
        HttpConnectionManager manager = ConfigLookup.unpack(last.getTypedConfig(), HttpConnectionManager.class);
        RouteConfiguration routes = config.routeConfiguration(manager.getRds().getRouteConfigName());
        Optional<VirtualHost> host = HttpRouting.virtualHost(routes, call.authority());
        if (host.isEmpty()) {
            return new Refused("no virtual host for " + call.authority() + " in " + routes.getName() + ": 404");
        }
        Request request = Request.of(call, Optional.empty(), call.port());
        Optional<Route> route = HttpRouting.route(host.get(), request);
        if (route.isEmpty()) {
            return new Refused("no route in " + host.get().getName() + ": 404");
        }
        return new Forwarded(chain.get().getName(), config.checked(HttpRouting.shares(route.get().getRoute())));
    }

    /**
     * What the sidecar does with a call arriving over mTLS.
     *
     * @param peer the SPIFFE ID of the caller's certificate
     * @param sni  the server name the caller's sidecar sent
     * @param port the port the workload listens on, which the call was dialled to
     */
    public Verdict inbound(Call call, String peer, String sni, int port) {
        Optional<Listener> listener = config.listener(ResourceNames.INBOUND_LISTENER);
        if (listener.isEmpty()) {
            return new Verdict.Denied("no inbound listener: the connection is refused");
        }
        Optional<FilterChain> chain = FilterChains.select(listener.get(), port, Optional.empty(), Optional.of(sni), true);
        if (chain.isEmpty()) {
            return new Verdict.Denied("no inbound filter chain for " + sni + " on " + port + ": the connection is closed");
        }
        DownstreamTlsContext tls = ConfigLookup.unpack(chain.get().getTransportSocket().getTypedConfig(),
                DownstreamTlsContext.class);
        if (!tls.getRequireClientCertificate().getValue()) {
            throw new IllegalStateException("inbound chain " + chain.get().getName() + " does not require mTLS");
        }
        Request request = Request.of(call, Optional.of(peer), port);
        Optional<String> policy = Optional.empty();
        for (Filter filter : chain.get().getFiltersList()) {
            if (filter.getTypedConfig().is(io.envoyproxy.envoy.extensions.filters.network.rbac.v3.RBAC.class)) {
                policy = RbacEvaluation.allowingPolicy(ConfigLookup.unpack(filter.getTypedConfig(),
                        io.envoyproxy.envoy.extensions.filters.network.rbac.v3.RBAC.class).getRules(), request);
                if (policy.isEmpty()) {
                    return new Verdict.Denied("network RBAC closes the connection");
                }
            } else if (filter.getTypedConfig().is(TcpProxy.class)) {
                return new Verdict.Admitted(policy.orElseThrow(() -> new IllegalStateException("no network RBAC")),
                        ConfigLookup.unpack(filter.getTypedConfig(), TcpProxy.class).getCluster());
            } else {
                return inboundHttp(ConfigLookup.unpack(filter.getTypedConfig(), HttpConnectionManager.class), request);
            }
        }
        throw new IllegalStateException("inbound chain " + chain.get().getName() + " ends without a terminal filter");
    }

    /** The SNI the cluster sends. */
    public String sni(String cluster) {
        return upstreamTls(cluster).getSni();
    }

    /** The SPIFFE IDs the cluster accepts in the server's certificate. */
    public List<StringMatcher> acceptedPeers(String cluster) {
        return upstreamTls(cluster).getCommonTlsContext().getCombinedValidationContext().getDefaultValidationContext()
                .getMatchTypedSubjectAltNamesList().stream()
                .filter(san -> san.getSanType() == SubjectAltNameMatcher.SanType.URI)
                .map(SubjectAltNameMatcher::getMatcher)
                .toList();
    }

    private Verdict inboundHttp(HttpConnectionManager manager, Request request) {
        Optional<String> policy = RbacEvaluation.throughHttpFilters(manager, request);
        if (policy.isEmpty()) {
            return new Verdict.Denied("HTTP RBAC answers 403");
        }
        RouteConfiguration routes = config.routeConfiguration(manager.getRds().getRouteConfigName());
        Optional<Route> route = HttpRouting.virtualHost(routes, request.authority())
                .flatMap(host -> HttpRouting.route(host, request));
        if (route.isEmpty()) {
            return new Verdict.Denied("no inbound route: 404");
        }
        List<Share> shares = config.checked(HttpRouting.shares(route.get().getRoute()));
        return new Verdict.Admitted(policy.get(), shares.getFirst().cluster());
    }

    private UpstreamTlsContext upstreamTls(String cluster) {
        return ConfigLookup.unpack(config.cluster(cluster).getTransportSocket().getTypedConfig(),
                UpstreamTlsContext.class);
    }

    private static List<Share> tcpShares(TcpProxy proxy) {
        return switch (proxy.getClusterSpecifierCase()) {
            case CLUSTER -> List.of(new Share(proxy.getCluster(), 1));
            case WEIGHTED_CLUSTERS -> proxy.getWeightedClusters().getClustersList().stream()
                    .map(c -> new Share(c.getName(), c.getWeight()))
                    .toList();
            default -> throw new UnsupportedOperationException("TCP proxy " + proxy);
        };
    }
}
