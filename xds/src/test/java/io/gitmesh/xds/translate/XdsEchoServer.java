package io.gitmesh.xds.translate;

import com.google.protobuf.StringValue;
import io.gitmesh.xds.NodeMetadata;
import io.gitmesh.xds.SnapshotGroup;
import io.gitmesh.xds.testing.EchoBackend;
import io.grpc.InsecureServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ServerCalls;
import io.grpc.xds.XdsServerBuilder;
import io.grpc.xds.XdsServerCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * An xDS-enabled gRPC server on loopback (grpc-java's {@code XdsServerBuilder}) serving
 * {@code mesh.Echo/Who}: it asks the control plane for the listener named by gRPC's server template and
 * enforces what it gets, RBAC included. Its bootstrap is its own (shared/notes/harness.md §3), naming
 * the snapshot group in the node metadata; without TLS in the config it serves plaintext.
 */
final class XdsEchoServer implements AutoCloseable {
    private final Server server;

    private XdsEchoServer(Server server) {
        this.server = server;
    }

    /** A free loopback port to give the server (and the mesh, before the server starts). */
    static int freePort() {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts the server named {@code name} on 127.0.0.1:{@code port} as node {@code nodeId} of
     * {@code group}, with the control plane on {@code xdsPort}; returns once the server has its listener.
     */
    static XdsEchoServer start(String name, int port, int xdsPort, String nodeId, SnapshotGroup group) {
        return start(name, port, bootstrap(xdsPort, nodeId, group), UnaryOperator.identity());
    }

    /**
     * Starts the server named {@code name} on 127.0.0.1:{@code port} with {@code bootstrap} (e.g. a gitmesh
     * bootstrap with certificate files), its transport configured by {@code transport}; returns once the
     * server has its listener.
     */
    static XdsEchoServer start(String name, int port, Map<String, ?> bootstrap,
            UnaryOperator<NettyServerBuilder> transport) {
        ServerServiceDefinition echo = ServerServiceDefinition.builder("mesh.Echo")
                .addMethod(EchoBackend.WHO, ServerCalls.asyncUnaryCall((request, response) -> {
                    response.onNext(StringValue.of(name));
                    response.onCompleted();
                }))
                .build();
        XdsServerBuilder builder = XdsServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port),
                        XdsServerCredentials.create(InsecureServerCredentials.create()))
                .overrideBootstrapForTest(bootstrap)
                .addService(echo);
        transport.apply((NettyServerBuilder) builder.transportBuilder());
        try {
            return new XdsEchoServer(builder.build().start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, ?> bootstrap(int xdsPort, String nodeId, SnapshotGroup group) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        NodeMetadata.of(group).getFieldsMap().forEach((key, value) -> metadata.put(key, value.getStringValue()));
        return Map.of(
                "xds_servers", List.of(Map.of(
                        "server_uri", "127.0.0.1:" + xdsPort,
                        "channel_creds", List.of(Map.of("type", "insecure")),
                        "server_features", List.of("xds_v3"))),
                "node", Map.of("id", nodeId, "cluster", "gitmesh-test", "metadata", metadata),
                "server_listener_resource_name_template", "grpc/server?xds.resource.listening_address=%s");
    }

    @Override
    public void close() {
        server.shutdownNow();
    }
}
