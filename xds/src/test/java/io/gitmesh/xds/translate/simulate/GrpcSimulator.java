package io.gitmesh.xds.translate.simulate;

import io.envoyproxy.envoy.config.listener.v3.FilterChain;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext;
import io.envoyproxy.envoy.type.matcher.v3.StringMatcher;
import io.gitmesh.xds.ProxyConfig;
import io.gitmesh.xds.translate.ResourceNames;
import io.gitmesh.xds.translate.simulate.Outbound.Forwarded;
import io.gitmesh.xds.translate.simulate.Outbound.Refused;
import java.util.List;
import java.util.Optional;

/**
 * Walks a proxyless gRPC workload's config as grpc-java would: a channel to {@code xds:///host:port}
 * asks for the listener of that name, follows its API listener's RDS to a virtual host and route and its
 * weighted clusters; a server on a port asks for the listener named by the server template, checks TLS,
 * runs the RBAC filter and hands admitted calls to its own services.
 */
public final class GrpcSimulator {
    private final ConfigLookup config;

    public GrpcSimulator(ProxyConfig config) {
        this.config = new ConfigLookup(config);
    }

    /** Where a channel to {@code xds:///<host>:<port>} sends the call. */
    public Outbound client(Call call) {
        String target = call.host() + ":" + call.port();
        Optional<Listener> listener = config.listener(target);
        if (listener.isEmpty()) {
            return new Refused("no listener " + target + ": the channel fails (UNAVAILABLE)");
        }
        HttpConnectionManager manager = ConfigLookup.unpack(listener.get().getApiListener().getApiListener(),
                HttpConnectionManager.class);
        RouteConfiguration routes = config.routeConfiguration(manager.getRds().getRouteConfigName());
        Optional<VirtualHost> host = HttpRouting.virtualHost(routes, target);
        if (host.isEmpty()) {
            return new Refused("no virtual host for " + target + ": UNAVAILABLE");
        }
        Optional<Route> route = HttpRouting.route(host.get(), Request.of(call, Optional.empty(), call.port()));
        if (route.isEmpty()) {
            return new Refused("no route in " + host.get().getName() + ": UNAVAILABLE");
        }
        return new Forwarded(target, config.checked(HttpRouting.shares(route.get().getRoute())));
    }

    /**
     * What a server listening on {@code port} does with the call.
     *
     * @param peer the SPIFFE ID of the client certificate, empty on a plaintext connection
     */
    public Verdict server(Call call, Optional<String> peer, int port) {
        Optional<Listener> listener = config.listener(ResourceNames.grpcServerListener(port));
        if (listener.isEmpty()) {
            return new Verdict.Denied("no server listener for port " + port + ": NOT_SERVING");
        }
        Optional<FilterChain> chain = FilterChains.select(listener.get(), port, Optional.empty(), Optional.empty(),
                peer.isPresent());
        if (chain.isEmpty()) {
            return new Verdict.Denied("no filter chain: the connection is closed");
        }
        boolean serverTls = chain.get().hasTransportSocket();
        if (serverTls != peer.isPresent()) {
            return new Verdict.Denied(serverTls ? "a plaintext call to an mTLS server: UNAVAILABLE"
                    : "an mTLS call to a plaintext server: UNAVAILABLE");
        }
        if (serverTls && !ConfigLookup.unpack(chain.get().getTransportSocket().getTypedConfig(),
                DownstreamTlsContext.class).getRequireClientCertificate().getValue()) {
            throw new IllegalStateException("server chain " + chain.get().getName() + " does not require mTLS");
        }
        HttpConnectionManager manager = ConfigLookup.unpack(chain.get().getFilters(0).getTypedConfig(),
                HttpConnectionManager.class);
        Request request = Request.of(call, peer, port);
        Optional<String> policy = RbacEvaluation.throughHttpFilters(manager, request);
        if (policy.isEmpty()) {
            return new Verdict.Denied("PERMISSION_DENIED");
        }
        Optional<Route> route = HttpRouting.virtualHost(manager.getRouteConfig(), call.authority())
                .flatMap(host -> HttpRouting.route(host, request));
        if (route.isEmpty() || !route.get().hasNonForwardingAction()) {
            return new Verdict.Denied("no non-forwarding route: UNAVAILABLE");
        }
        return new Verdict.Admitted(policy.get(), "server " + port);
    }

    /** Whether the cluster's connections use mTLS. */
    public boolean usesTls(String cluster) {
        return config.cluster(cluster).hasTransportSocket();
    }

    /** The SPIFFE IDs the cluster accepts in the server's certificate. */
    @SuppressWarnings("deprecation")
    public List<StringMatcher> acceptedPeers(String cluster) {
        return ConfigLookup.unpack(config.cluster(cluster).getTransportSocket().getTypedConfig(),
                UpstreamTlsContext.class).getCommonTlsContext().getValidationContext().getMatchSubjectAltNamesList();
    }
}
