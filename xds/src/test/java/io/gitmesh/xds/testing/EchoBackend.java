package io.gitmesh.xds.testing;

import com.google.protobuf.StringValue;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.InsecureServerCredentials;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * A plain gRPC server on loopback serving the unary method {@code mesh.Echo/Who}, which answers the
 * backend's own name: the thing traffic lands on in xDS tests. Hand-rolled with the {@code StringValue}
 * marshaller, so no protoc is needed.
 */
public final class EchoBackend implements AutoCloseable {
    /** {@code mesh.Echo/Who}: any request, the backend's name back. */
    public static final MethodDescriptor<StringValue, StringValue> WHO =
            MethodDescriptor.<StringValue, StringValue>newBuilder()
                    .setType(MethodDescriptor.MethodType.UNARY)
                    .setFullMethodName(MethodDescriptor.generateFullMethodName("mesh.Echo", "Who"))
                    .setRequestMarshaller(ProtoUtils.marshaller(StringValue.getDefaultInstance()))
                    .setResponseMarshaller(ProtoUtils.marshaller(StringValue.getDefaultInstance()))
                    .build();

    private final String name;
    private final Server server;

    private EchoBackend(String name, Server server) {
        this.name = name;
        this.server = server;
    }

    /** Starts a backend named {@code name} on 127.0.0.1 and a free port. */
    public static EchoBackend start(String name) {
        ServerServiceDefinition echo = ServerServiceDefinition.builder("mesh.Echo")
                .addMethod(WHO, ServerCalls.asyncUnaryCall((request, response) -> {
                    response.onNext(StringValue.of(name));
                    response.onCompleted();
                }))
                .build();
        Server server = NettyServerBuilder
                .forAddress(new InetSocketAddress("127.0.0.1", 0), InsecureServerCredentials.create())
                .addService(echo)
                .build();
        try {
            return new EchoBackend(name, server.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Calls {@code Who} on {@code channel}, waiting at most five seconds; the name of the backend that answered. */
    public static String who(Channel channel) {
        return ClientCalls.blockingUnaryCall(channel, WHO,
                CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS), StringValue.getDefaultInstance())
                .getValue();
    }

    public String name() {
        return name;
    }

    public int port() {
        return server.getPort();
    }

    @Override
    public void close() {
        server.shutdownNow();
    }
}
