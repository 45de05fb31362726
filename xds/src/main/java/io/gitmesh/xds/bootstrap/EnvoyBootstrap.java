package io.gitmesh.xds.bootstrap;

import com.google.common.net.InetAddresses;
import com.google.protobuf.Any;
import com.google.protobuf.Duration;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import io.envoyproxy.envoy.config.bootstrap.v3.Admin;
import io.envoyproxy.envoy.config.bootstrap.v3.Bootstrap;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.Address;
import io.envoyproxy.envoy.config.core.v3.AggregatedConfigSource;
import io.envoyproxy.envoy.config.core.v3.ApiConfigSource;
import io.envoyproxy.envoy.config.core.v3.ApiVersion;
import io.envoyproxy.envoy.config.core.v3.ConfigSource;
import io.envoyproxy.envoy.config.core.v3.DataSource;
import io.envoyproxy.envoy.config.core.v3.GrpcService;
import io.envoyproxy.envoy.config.core.v3.Http2ProtocolOptions;
import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.config.core.v3.SocketAddress;
import io.envoyproxy.envoy.config.core.v3.TransportSocket;
import io.envoyproxy.envoy.config.core.v3.WatchedDirectory;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.endpoint.v3.Endpoint;
import io.envoyproxy.envoy.config.endpoint.v3.LbEndpoint;
import io.envoyproxy.envoy.config.endpoint.v3.LocalityLbEndpoints;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.CertificateValidationContext;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.CommonTlsContext;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.SubjectAltNameMatcher;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.TlsCertificate;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext;
import io.envoyproxy.envoy.extensions.upstreams.http.v3.HttpProtocolOptions;
import io.envoyproxy.envoy.type.matcher.v3.StringMatcher;
import io.gitmesh.xds.NodeMetadata;
import java.util.stream.Collectors;

/**
 * The bootstrap of an Envoy sidecar: the node (DESIGN.md §4), ADS over gRPC to the xDS server with
 * {@code set_node_on_first_message_only}, and the admin interface on loopback. The injector adds the
 * probe and metrics listeners and file-based SDS for certificate rotation. Pure.
 */
public final class EnvoyBootstrap {
    public static final String XDS_CLUSTER = "gitmesh-xds";
    public static final int ADMIN_PORT = 15000;

    private EnvoyBootstrap() {
    }

    public static Bootstrap build(BootstrapSpec spec) {
        ConfigSource ads = ConfigSource.newBuilder().setAds(AggregatedConfigSource.getDefaultInstance())
                .setResourceApiVersion(ApiVersion.V3).build();
        return Bootstrap.newBuilder()
                .setNode(node(spec))
                .setAdmin(Admin.newBuilder().setAddress(address("127.0.0.1", ADMIN_PORT)))
                .setDynamicResources(Bootstrap.DynamicResources.newBuilder()
                        .setAdsConfig(ApiConfigSource.newBuilder()
                                .setApiType(ApiConfigSource.ApiType.GRPC)
                                .setTransportApiVersion(ApiVersion.V3)
                                .setSetNodeOnFirstMessageOnly(true)
                                .addGrpcServices(GrpcService.newBuilder().setEnvoyGrpc(
                                        GrpcService.EnvoyGrpc.newBuilder().setClusterName(XDS_CLUSTER))))
                        .setCdsConfig(ads)
                        .setLdsConfig(ads))
                .setStaticResources(Bootstrap.StaticResources.newBuilder().addClusters(xdsCluster(spec)))
                .build();
    }

    /** The bootstrap as Envoy reads it (proto JSON). */
    public static String json(BootstrapSpec spec) {
        try {
            return JsonFormat.printer().usingTypeRegistry(JsonFormat.TypeRegistry.newBuilder()
                    .add(HttpProtocolOptions.getDescriptor()).add(UpstreamTlsContext.getDescriptor()).build())
                    .print(build(spec)) + "\n";
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalStateException("the bootstrap holds a type the printer does not know", e);
        }
    }

    private static Node node(BootstrapSpec spec) {
        Struct.Builder metadata = Struct.newBuilder()
                .putFields(NodeMetadata.NAMESPACE, text(spec.identity().namespace()))
                .putFields(NodeMetadata.SERVICE_ACCOUNT, text(spec.identity().serviceAccount()))
                .putFields(NodeMetadata.FLAVOUR, text(spec.flavour().wireName()));
        if (!spec.ports().isEmpty()) {
            metadata.putFields(NodeMetadata.PORTS, text(spec.ports().stream().sorted().distinct()
                    .map(String::valueOf).collect(Collectors.joining(","))));
        }
        return Node.newBuilder().setId(spec.nodeId()).setCluster(spec.identity().namespace())
                .setMetadata(metadata).build();
    }

    private static Cluster xdsCluster(BootstrapSpec spec) {
        Cluster.Builder cluster = Cluster.newBuilder()
                .setName(XDS_CLUSTER)
                .setType(Cluster.DiscoveryType.STRICT_DNS)
                .setConnectTimeout(Duration.newBuilder().setSeconds(5))
                .putTypedExtensionProtocolOptions("envoy.extensions.upstreams.http.v3.HttpProtocolOptions",
                        Any.pack(HttpProtocolOptions.newBuilder().setExplicitHttpConfig(
                                HttpProtocolOptions.ExplicitHttpConfig.newBuilder()
                                        .setHttp2ProtocolOptions(Http2ProtocolOptions.getDefaultInstance())).build()))
                .setLoadAssignment(ClusterLoadAssignment.newBuilder().setClusterName(XDS_CLUSTER)
                        .addEndpoints(LocalityLbEndpoints.newBuilder().addLbEndpoints(LbEndpoint.newBuilder()
                                .setEndpoint(Endpoint.newBuilder().setAddress(
                                        address(spec.xdsHost(), spec.xdsPort()))))));
        if (!spec.insecure()) {
            cluster.setTransportSocket(TransportSocket.newBuilder().setName("envoy.transport_sockets.tls")
                    .setTypedConfig(Any.pack(xdsTls(spec))));
        }
        return cluster.build();
    }

    /**
     * mTLS to the xDS server with the workload's certificate files, watched: when the directory changes
     * (a renewed certificate written into it, or Kubernetes swapping a Secret volume's {@code ..data}
     * link), Envoy reloads the certificate, key and trust bundle without a restart. When Envoy dials the server by name,
     * it sends that name as SNI and requires it as a DNS SAN of the server's certificate ({@code gitmesh run
     * --xds-server-name}), as gRPC checks the host name; dialled by IP, only the chain to the mesh CA is checked.
     */
    private static UpstreamTlsContext xdsTls(BootstrapSpec spec) {
        WatchedDirectory watched = WatchedDirectory.newBuilder().setPath(spec.certificates().orElseThrow()).build();
        CertificateValidationContext.Builder validation = CertificateValidationContext.newBuilder()
                .setTrustedCa(file(spec, BootstrapSpec.CA_FILE))
                .setWatchedDirectory(watched);
        UpstreamTlsContext.Builder tls = UpstreamTlsContext.newBuilder();
        if (!InetAddresses.isInetAddress(spec.xdsHost())) {
            validation.addMatchTypedSubjectAltNames(SubjectAltNameMatcher.newBuilder()
                    .setSanType(SubjectAltNameMatcher.SanType.DNS)
                    .setMatcher(StringMatcher.newBuilder().setExact(spec.xdsHost())));
            tls.setSni(spec.xdsHost());
        }
        return tls.setCommonTlsContext(CommonTlsContext.newBuilder()
                        .addTlsCertificates(TlsCertificate.newBuilder()
                                .setCertificateChain(file(spec, BootstrapSpec.CERT_FILE))
                                .setPrivateKey(file(spec, BootstrapSpec.KEY_FILE))
                                .setWatchedDirectory(watched))
                        .setValidationContext(validation))
                .build();
    }

    private static DataSource file(BootstrapSpec spec, String name) {
        return DataSource.newBuilder().setFilename(spec.certificateFile(name).orElseThrow()).build();
    }

    private static Address address(String host, int port) {
        return Address.newBuilder().setSocketAddress(SocketAddress.newBuilder().setAddress(host).setPortValue(port))
                .build();
    }

    private static Value text(String s) {
        return Value.newBuilder().setStringValue(s).build();
    }
}
