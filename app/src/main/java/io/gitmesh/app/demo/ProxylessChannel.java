package io.gitmesh.app.demo;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.NameResolverRegistry;
import io.grpc.xds.XdsChannelCredentials;
import io.grpc.xds.XdsNameResolverProvider;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A proxyless gRPC client channel of the demo: {@code xds:///<target>} resolved through gitmesh with
 * the workload's own bootstrap. grpc-java reads its JVM-wide bootstrap once, so each workload registers
 * a name resolver of its own, under a scheme of its own, with its own xDS client and node. The channel
 * takes mTLS from the xDS config (the cluster's transport socket), with the workload's certificate.
 */
final class ProxylessChannel implements AutoCloseable {
    private static final AtomicInteger SCHEMES = new AtomicInteger();

    private final XdsNameResolverProvider resolver;
    private final ManagedChannel channel;

    private ProxylessChannel(XdsNameResolverProvider resolver, ManagedChannel channel) {
        this.resolver = resolver;
        this.channel = channel;
    }

    /** A channel to {@code target} (host:port, as a Service's DNS name) with {@code bootstrap}. */
    static ProxylessChannel open(String target, Map<String, ?> bootstrap) {
        String scheme = "xds-demo-" + SCHEMES.incrementAndGet();
        XdsNameResolverProvider resolver = XdsNameResolverProvider.createForTest(scheme, bootstrap);
        NameResolverRegistry.getDefaultRegistry().register(resolver);
        ManagedChannel channel = Grpc.newChannelBuilder(scheme + ":///" + target,
                XdsChannelCredentials.create(InsecureChannelCredentials.create())).build();
        return new ProxylessChannel(resolver, channel);
    }

    ManagedChannel channel() {
        return channel;
    }

    @Override
    public void close() {
        channel.shutdownNow();
        NameResolverRegistry.getDefaultRegistry().deregister(resolver);
    }
}
