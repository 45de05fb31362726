package io.gitmesh.xds.server;

import com.google.common.cache.CacheBuilder;
import com.google.common.cache.CacheLoader;
import com.google.common.cache.LoadingCache;
import com.google.protobuf.Any;
import com.google.protobuf.Message;
import io.envoyproxy.controlplane.cache.Resources.ApiVersion;
import io.envoyproxy.controlplane.server.serializer.ProtoResourcesSerializer;

/**
 * Packs each resource once, however many streams and groups it goes to. Keys are weak and compared by
 * identity (cheap, and an entry lives exactly as long as a {@link io.gitmesh.xds.ProxyConfig} holds the
 * resource); java-control-plane's {@code CachedProtoResourcesSerializer} compares keys with
 * {@code equals}, a deep walk of the message on every lookup, and holds values weakly, so a packed
 * resource can be collected between two pushes and packed again. Translation that reuses one message
 * instance across groups shares its serialization too.
 */
final class OncePerResourceSerializer implements ProtoResourcesSerializer {
    private final LoadingCache<Message, Any> packed =
            CacheBuilder.newBuilder().weakKeys().build(CacheLoader.from(Any::pack));

    @Override
    public Any serialize(Message resource, ApiVersion apiVersion) {
        return packed.getUnchecked(resource);
    }
}
