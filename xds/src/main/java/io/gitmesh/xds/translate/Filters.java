package io.gitmesh.xds.translate;

import io.envoyproxy.envoy.config.listener.v3.Filter;
import io.envoyproxy.envoy.config.listener.v3.ListenerFilter;
import io.envoyproxy.envoy.config.rbac.v3.RBAC;
import io.envoyproxy.envoy.extensions.filters.http.router.v3.Router;
import io.envoyproxy.envoy.extensions.filters.listener.original_dst.v3.OriginalDst;
import io.envoyproxy.envoy.extensions.filters.listener.tls_inspector.v3.TlsInspector;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter;
import io.envoyproxy.envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy;

/** Envoy's filters as gitmesh configures them, under their well-known extension names. */
final class Filters {
    static final String HTTP_CONNECTION_MANAGER = "envoy.filters.network.http_connection_manager";
    static final String TCP_PROXY = "envoy.filters.network.tcp_proxy";
    static final String NETWORK_RBAC = "envoy.filters.network.rbac";
    static final String HTTP_RBAC = "envoy.filters.http.rbac";
    static final String ROUTER = "envoy.filters.http.router";
    static final String ORIGINAL_DST = "envoy.filters.listener.original_dst";
    static final String TLS_INSPECTOR = "envoy.filters.listener.tls_inspector";

    private static final HttpFilter ROUTER_FILTER = HttpFilter.newBuilder()
            .setName(ROUTER)
            .setTypedConfig(Protos.pack(Router.getDefaultInstance()))
            .build();

    private Filters() {
    }

    /** The terminal HTTP filter: forwards a request to the cluster its route picks. */
    static HttpFilter router() {
        return ROUTER_FILTER;
    }

    /** The HTTP RBAC filter enforcing {@code rules} on every request. */
    static HttpFilter httpRbac(RBAC rules) {
        return HttpFilter.newBuilder()
                .setName(HTTP_RBAC)
                .setTypedConfig(Protos.pack(io.envoyproxy.envoy.extensions.filters.http.rbac.v3.RBAC.newBuilder()
                        .setRules(rules)
                        .build()))
                .build();
    }

    /** The network RBAC filter enforcing {@code rules} on every connection. */
    static Filter networkRbac(RBAC rules, String statPrefix) {
        return Filter.newBuilder()
                .setName(NETWORK_RBAC)
                .setTypedConfig(Protos.pack(io.envoyproxy.envoy.extensions.filters.network.rbac.v3.RBAC.newBuilder()
                        .setRules(rules)
                        .setStatPrefix(statPrefix)
                        .build()))
                .build();
    }

    static Filter httpConnectionManager(HttpConnectionManager manager) {
        return Filter.newBuilder()
                .setName(HTTP_CONNECTION_MANAGER)
                .setTypedConfig(Protos.pack(manager))
                .build();
    }

    static Filter tcpProxy(TcpProxy proxy) {
        return Filter.newBuilder()
                .setName(TCP_PROXY)
                .setTypedConfig(Protos.pack(proxy))
                .build();
    }

    /** Restores the destination a connection had before iptables redirected it. */
    static ListenerFilter originalDestination() {
        return ListenerFilter.newBuilder()
                .setName(ORIGINAL_DST)
                .setTypedConfig(Protos.pack(OriginalDst.getDefaultInstance()))
                .build();
    }

    /** Reads the TLS ClientHello, so that filter chains can match on SNI and transport protocol. */
    static ListenerFilter tlsInspector() {
        return ListenerFilter.newBuilder()
                .setName(TLS_INSPECTOR)
                .setTypedConfig(Protos.pack(TlsInspector.getDefaultInstance()))
                .build();
    }
}
