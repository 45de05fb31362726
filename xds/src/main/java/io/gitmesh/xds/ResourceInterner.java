package io.gitmesh.xds;

import com.google.protobuf.Message;
import io.envoyproxy.controlplane.cache.VersionedResource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Shares resources of equal content between the configs built with it ({@link ProxyConfig.Builder#build(
 * ResourceInterner)}): a resource that several snapshot groups receive — a load assignment, a proxyless
 * gRPC listener — is hashed once and held once, and every config holds the same instance. Equal content
 * is protobuf's {@code equals} (fields, map entries in any order, unknown fields), which implies equal
 * deterministic bytes and so an equal {@link ContentHash}: interning never changes a version.
 *
 * <p>Safe for concurrent use. It holds every resource interned, so give one to a batch of configs
 * built together (one revision's translation), not to a long-lived component.
 */
public final class ResourceInterner {
    private final Map<Message, VersionedResource<? extends Message>> resources = new ConcurrentHashMap<>();

    /** The message with its content hash, the same instance for every equal message. */
    VersionedResource<? extends Message> intern(Message message) {
        return resources.computeIfAbsent(message, m -> VersionedResource.create(m, ContentHash.of(m)));
    }

    /** How many distinct resources were interned. */
    public int size() {
        return resources.size();
    }
}
