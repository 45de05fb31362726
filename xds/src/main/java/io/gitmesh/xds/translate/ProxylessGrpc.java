package io.gitmesh.xds.translate;

import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.TrafficDirection;
import io.envoyproxy.envoy.config.listener.v3.ApiListener;
import io.envoyproxy.envoy.config.listener.v3.FilterChain;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.Rds;
import io.gitmesh.model.Admission;
import io.gitmesh.model.OutboundPort;
import io.gitmesh.model.WeightedBackend;
import io.gitmesh.xds.translate.TranslateOptions.GrpcSecurity;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The resources of a proxyless gRPC workload (DESIGN.md §5), within what grpc-java's xDS client accepts.
 * <ul>
 *   <li>Clients: a listener per reachable HTTP-family Service port, named
 *       {@code <service>.<namespace>.svc.cluster.local:<port>} (the name a channel to
 *       {@code xds:///<that name>} asks for), holding an API-listener HTTP connection manager over RDS; its
 *       route configuration has the Service's one virtual host (see {@link Routes}); EDS clusters and
 *       their load assignments. TCP Service ports are left out: a gRPC channel speaks HTTP/2.</li>
 *   <li>Servers: a listener per port the workload serves HTTP-family Services on, named by gRPC's
 *       server listener template ({@link ResourceNames#grpcServerListener}), at {@code 0.0.0.0:<port>};
 *       one filter chain whose connection manager has an inline route configuration with
 *       {@code non_forwarding_action}, and the HTTP RBAC filter before the router. gRPC ignores chains that
 *       match on server names or ports, so the chain admits the sources of every Service served on the
 *       port.</li>
 *   <li>With {@link GrpcSecurity#MTLS}, clusters and server chains carry TLS contexts that use the
 *       certificate-provider instance, and RBAC reads the caller from its certificate; with
 *       {@link GrpcSecurity#PLAINTEXT_INSECURE} there is no TLS and RBAC reads the caller from the
 *       {@link ResourceNames#CALLER_HEADER} header (INSECURE: development and testing only).</li>
 * </ul>
 */
final class ProxylessGrpc {

    private ProxylessGrpc() {
    }

    static void translate(ProxyScope scope, ResourceCollector out) {
        for (OutboundPort port : scope.outbound()) {
            if (port.protocol().isHttp()) {
                client(scope, port, out);
            }
        }
        SortedMap<Integer, List<Admission>> admissionsByPort = new TreeMap<>();
        for (ServedPort served : scope.served()) {
            if (served.protocol().isHttp()) {
                admissionsByPort.computeIfAbsent(served.targetPort(), p -> new ArrayList<>()).add(served.admission());
            }
        }
        admissionsByPort.forEach((port, admissions) -> out.listener(server(scope, port, Admissions.union(admissions))));
    }

    private static void client(ProxyScope scope, OutboundPort port, ResourceCollector out) {
        String routeConfiguration = ResourceNames.grpcRouteConfiguration(port.service(), port.number());
        HttpConnectionManager manager = HttpConnectionManager.newBuilder()
                .setStatPrefix(routeConfiguration)
                .setRds(Rds.newBuilder().setConfigSource(Protos.ads()).setRouteConfigName(routeConfiguration))
                .addHttpFilters(Filters.router())
                .build();
        out.listener(Listener.newBuilder()
                .setName(ResourceNames.grpcClientListener(port.service(), port.number()))
                .setApiListener(ApiListener.newBuilder().setApiListener(Protos.pack(manager)))
                .build());
        out.route(RouteConfiguration.newBuilder()
                .setName(routeConfiguration)
                .addVirtualHosts(Routes.virtualHost(scope.service(port.service()), port, scope.identity().namespace()))
                .build());
        Clusters.addBackends(out, scope, port, (backend, protocol) -> cluster(scope, backend));
    }

    private static Cluster cluster(ProxyScope scope, WeightedBackend backend) {
        Cluster.Builder cluster = Clusters.eds(ResourceNames.cluster(backend.service(), backend.port()));
        if (scope.options().grpcSecurity() == GrpcSecurity.MTLS) {
            cluster.setTransportSocket(TlsContexts.proxylessUpstream(scope.trustDomain(), backend.identities()));
        }
        return cluster.build();
    }

    private static Listener server(ProxyScope scope, int port, Admission admission) {
        boolean mtls = scope.options().grpcSecurity() == GrpcSecurity.MTLS;
        CallerIdentification caller = mtls ? CallerIdentification.PEER_CERTIFICATE : CallerIdentification.CALLER_HEADER;
        HttpConnectionManager manager = HttpConnectionManager.newBuilder()
                .setStatPrefix(ResourceNames.inboundRouteConfiguration(port))
                .setRouteConfig(Routes.toGrpcServer(port))
                .addHttpFilters(Filters.httpRbac(RbacRules.forRequests(admission, caller, scope.trustDomain())))
                .addHttpFilters(Filters.router())
                .build();
        FilterChain.Builder chain = FilterChain.newBuilder()
                .setName(ResourceNames.grpcServerFilterChain(port))
                .addFilters(Filters.httpConnectionManager(manager));
        if (mtls) {
            chain.setTransportSocket(TlsContexts.proxylessDownstream());
        }
        return Listener.newBuilder()
                .setName(ResourceNames.grpcServerListener(port))
                .setAddress(Protos.anyAddress(port))
                .setTrafficDirection(TrafficDirection.INBOUND)
                .addFilterChains(chain)
                .build();
    }
}
