package io.gitmesh.xds.testing;

import com.google.protobuf.Value;
import io.gitmesh.xds.NodeMetadata;
import io.gitmesh.xds.SnapshotGroup;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.NameResolverRegistry;
import io.grpc.xds.XdsChannelCredentials;
import io.grpc.xds.XdsNameResolverProvider;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A grpc-java channel that resolves {@code xds:///<target>} through a given control plane, with a
 * bootstrap of its own (shared/notes/harness.md §3): grpc-java caches the JVM-wide bootstrap in a static,
 * so each instance registers its own name resolver ({@code XdsNameResolverProvider.createForTest}) under
 * a fresh scheme, with its own XdsClient and node. The node carries the {@link NodeMetadata} of a group.
 */
public final class XdsClientChannel implements AutoCloseable {
    private static final AtomicInteger SCHEMES = new AtomicInteger();

    private final XdsNameResolverProvider resolver;
    private final ManagedChannel channel;

    private XdsClientChannel(XdsNameResolverProvider resolver, ManagedChannel channel) {
        this.resolver = resolver;
        this.channel = channel;
    }

    /**
     * A channel to {@code target} whose xDS client talks to the control plane on 127.0.0.1:{@code port}
     * as node {@code nodeId} in {@code group}.
     */
    public static XdsClientChannel open(int port, String nodeId, SnapshotGroup group, String target) {
        return open(bootstrap(port, nodeId, group), target, InsecureChannelCredentials.create());
    }

    /**
     * A channel to {@code target} with {@code bootstrap} (e.g. {@link Bootstraps#grpc}); the connections to
     * the backends take the TLS the clusters say (xDS credentials), plaintext where they say none.
     */
    public static XdsClientChannel open(Map<String, ?> bootstrap, String target) {
        return open(bootstrap, target, XdsChannelCredentials.create(InsecureChannelCredentials.create()));
    }

    private static XdsClientChannel open(Map<String, ?> bootstrap, String target, ChannelCredentials credentials) {
        String scheme = "xds-test-" + SCHEMES.incrementAndGet();
        XdsNameResolverProvider resolver = XdsNameResolverProvider.createForTest(scheme, bootstrap);
        NameResolverRegistry.getDefaultRegistry().register(resolver);
        ManagedChannel channel = Grpc.newChannelBuilder(scheme + ":///" + target, credentials).build();
        return new XdsClientChannel(resolver, channel);
    }

    /** The bootstrap as grpc-java's JSON parser would give it: maps, lists and strings. */
    static Map<String, ?> bootstrap(int port, String nodeId, SnapshotGroup group) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        NodeMetadata.of(group).getFieldsMap().forEach((key, value) -> metadata.put(key, text(value)));
        return Map.of(
                "xds_servers", List.of(Map.of(
                        "server_uri", "127.0.0.1:" + port,
                        "channel_creds", List.of(Map.of("type", "insecure")),
                        "server_features", List.of("xds_v3"))),
                "node", Map.of(
                        "id", nodeId,
                        "cluster", "gitmesh-test",
                        "locality", Map.of("region", "local", "zone", "a"),
                        "metadata", metadata));
    }

    public ManagedChannel channel() {
        return channel;
    }

    @Override
    public void close() {
        channel.shutdownNow();
        NameResolverRegistry.getDefaultRegistry().deregister(resolver);
    }

    private static String text(Value value) {
        return value.getStringValue();
    }
}
