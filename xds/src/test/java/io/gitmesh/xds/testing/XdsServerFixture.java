package io.gitmesh.xds.testing;

import io.gitmesh.xds.ProxyConfig;
import io.gitmesh.xds.SnapshotGroup;
import io.gitmesh.xds.server.PublishResult;
import io.gitmesh.xds.server.XdsServer;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/** An {@link XdsServer} started on 127.0.0.1 and a free port, with a plain channel to it for raw streams. */
public final class XdsServerFixture implements AutoCloseable {
    private final XdsServer server;
    private final int port;
    private final ManagedChannel channel;

    private XdsServerFixture(XdsServer server) {
        this.server = server;
        try {
            this.port = server.start().getPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.channel = Grpc.newChannelBuilderForAddress("127.0.0.1", port, InsecureChannelCredentials.create()).build();
    }

    public static XdsServerFixture start() {
        return start(UnaryOperator.identity());
    }

    /** Starts a server configured by {@code options} on top of the defaults. */
    public static XdsServerFixture start(UnaryOperator<XdsServer.Builder> options) {
        return new XdsServerFixture(options.apply(XdsServer.builder(new InetSocketAddress("127.0.0.1", 0))).build());
    }

    public XdsServer server() {
        return server;
    }

    public int port() {
        return port;
    }

    /** A plain (not xDS) channel to the server, for hand-driven streams. */
    public ManagedChannel channel() {
        return channel;
    }

    /** Publishes and waits (up to ten seconds) until the desired state is applied. */
    public PublishResult publish(Map<SnapshotGroup, ProxyConfig> desired) {
        return server.publish(desired).orTimeout(10, TimeUnit.SECONDS).join();
    }

    @Override
    public void close() {
        channel.shutdownNow();
        server.close();
    }
}
