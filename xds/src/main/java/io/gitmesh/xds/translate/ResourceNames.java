package io.gitmesh.xds.translate;

import io.gitmesh.model.Identity;
import io.gitmesh.model.RouteMatch;
import io.gitmesh.model.ServiceRef;
import java.util.ArrayList;
import java.util.List;

/**
 * Every name gitmesh puts on the wire, in one place: listeners, route configurations, virtual hosts,
 * routes, clusters, filter chains, RBAC policies, SDS secrets, certificate-provider instances, the host
 * names a Service answers to, and the request header that names a plaintext gRPC caller. Overrides
 * (DESIGN.md §6), bootstraps and the CA refer to resources by these names, so they change only on
 * purpose.
 *
 * <p>Service clusters are {@code <namespace>/<service>:<port>} (a Kubernetes name has no {@code /} or
 * {@code :}), so no service cluster can clash with a local cluster, {@code local:<port>}.
 */
public final class ResourceNames {
    /** The Envoy sidecar's outbound listener (DESIGN.md §5). */
    public static final String OUTBOUND_LISTENER = "outbound";
    /** The port iptables redirects a pod's outgoing connections to. */
    public static final int OUTBOUND_PORT = 15001;
    /** The Envoy sidecar's inbound listener (DESIGN.md §5). */
    public static final String INBOUND_LISTENER = "inbound";
    /** The port iptables redirects a pod's incoming connections to. */
    public static final int INBOUND_PORT = 15003;
    /**
     * The certificate-provider instance a proxyless gRPC bootstrap must define (under
     * {@code certificate_providers}) for mTLS: it holds the workload's certificate, key and trust bundle.
     */
    public static final String CERTIFICATE_PROVIDER_INSTANCE = "gitmesh";
    /**
     * INSECURE, for development and testing only: the request header that names the caller's SPIFFE ID
     * when proxyless gRPC runs without mTLS. Any client can write any value into it, so RBAC built on it
     * keeps honest callers apart and stops nobody else.
     */
    public static final String CALLER_HEADER = "x-gitmesh-caller";
    /** The Kubernetes cluster domain in Service host names (not the SPIFFE trust domain). */
    public static final String CLUSTER_DOMAIN = "cluster.local";
    /** The RBAC policy that admits every identity of the trust domain (permissive mode). */
    public static final String ANY_MESH_IDENTITY_POLICY = "any-mesh-identity";
    /** The route for the requests no header-matched route of a split takes. */
    public static final String DEFAULT_ROUTE = "default";

    private static final String GRPC_SERVER_LISTENER_PREFIX = "grpc/server?xds.resource.listening_address=";
    private static final String GRPC_SERVER_LISTENER_TEMPLATE = GRPC_SERVER_LISTENER_PREFIX + "0.0.0.0:";

    private ResourceNames() {
    }

    /** The sidecar's outbound route configuration for one port: a virtual host per Service on it. */
    public static String outboundRouteConfiguration(int port) {
        return "outbound:" + port;
    }

    /** The outbound filter chain matching connections to the Service port's addresses. */
    public static String outboundFilterChain(ServiceRef service, int port) {
        return "outbound:" + service + ":" + port;
    }

    /** The outbound filter chain matching the port alone, for Services whose addresses are unknown. */
    public static String outboundPortFilterChain(int port) {
        return "outbound:*:" + port;
    }

    /** The inbound filter chain for a Service port that the workload serves on {@code targetPort}. */
    public static String inboundFilterChain(ServiceRef service, int port, int targetPort) {
        return "inbound:" + service + ":" + port + "->" + targetPort;
    }

    /** The inbound route configuration (sidecar) or inline route (gRPC server) for a served port. */
    public static String inboundRouteConfiguration(int targetPort) {
        return "inbound:" + targetPort;
    }

    /** The one filter chain of a gRPC server listener. */
    public static String grpcServerFilterChain(int port) {
        return "inbound:" + port;
    }

    /** The virtual host of a Service port, in an outbound or gRPC route configuration. */
    public static String virtualHost(ServiceRef service, int port) {
        return service + ":" + port;
    }

    /** The route taking the requests of one HTTPRouteGroup match. */
    public static String route(RouteMatch match) {
        return match.group() + "/" + match.name();
    }

    /** The EDS cluster of a Service port, and its cluster load assignment. */
    public static String cluster(ServiceRef service, int port) {
        return service + ":" + port;
    }

    /** The cluster of the application itself, on 127.0.0.1 at the port it listens on. */
    public static String localCluster(int targetPort) {
        return "local:" + targetPort;
    }

    /** The RBAC policy admitting one source identity. */
    public static String rbacPolicy(Identity source) {
        return source.toString();
    }

    /** The SDS secret holding the workload's certificate and key. */
    public static String workloadCertificate(Identity identity) {
        return "certificate:" + identity;
    }

    /** The SDS secret holding the trust bundle that peers' certificates are validated against. */
    public static String trustBundle(String trustDomain) {
        return "trust-bundle:" + trustDomain;
    }

    /** {@code <service>.<namespace>.svc.cluster.local}: the SNI a sidecar sends and an inbound chain expects. */
    public static String hostName(ServiceRef service) {
        return service.name() + "." + service.namespace() + ".svc." + CLUSTER_DOMAIN;
    }

    /** The client listener a proxyless gRPC channel to {@code xds:///<host>:<port>} asks for. */
    public static String grpcClientListener(ServiceRef service, int port) {
        return hostName(service) + ":" + port;
    }

    /** The route configuration of a gRPC client listener. */
    public static String grpcRouteConfiguration(ServiceRef service, int port) {
        return grpcClientListener(service, port);
    }

    /**
     * The listener an xDS-enabled gRPC server on {@code port} asks for: gRPC's server listener template,
     * {@code grpc/server?xds.resource.listening_address=%s}, filled with {@code 0.0.0.0:<port>} whatever
     * address the server binds.
     */
    public static String grpcServerListenerTemplate() {
        return GRPC_SERVER_LISTENER_PREFIX + "%s";
    }

    public static String grpcServerListener(int port) {
        return GRPC_SERVER_LISTENER_TEMPLATE + port;
    }

    /**
     * The names a caller in {@code callerNamespace} may use for a Service port, each bare and with
     * {@code :<port>}: {@code name.ns.svc.cluster.local}, {@code name.ns.svc}, {@code name.ns}, the
     * ClusterIP when known, and {@code name} for a caller in the Service's namespace (elsewhere it is
     * another namespace's name). No two Services share one, so they can sit in one route configuration.
     *
     * @param clusterIp the Service's ClusterIP; empty or {@code None} when there is none to dial
     */
    public static List<String> domains(ServiceRef service, String clusterIp, int port, String callerNamespace) {
        List<String> hosts = new ArrayList<>(List.of(hostName(service), service.name() + "." + service.namespace()
                + ".svc", service.name() + "." + service.namespace()));
        if (service.namespace().equals(callerNamespace)) {
            hosts.add(service.name());
        }
        if (ServiceAddresses.isClusterIp(clusterIp)) {
            hosts.add(clusterIp.contains(":") ? "[" + clusterIp + "]" : clusterIp);
        }
        List<String> domains = new ArrayList<>(2 * hosts.size());
        for (String host : hosts) {
            domains.add(host);
            domains.add(host + ":" + port);
        }
        return List.copyOf(domains);
    }
}
