package io.gitmesh.xds;

import com.google.protobuf.Message;
import io.envoyproxy.controlplane.cache.Resources;
import io.envoyproxy.controlplane.cache.Resources.ResourceType;
import io.envoyproxy.controlplane.cache.VersionedResource;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.Secret;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The resources of one xDS type that a {@link ProxyConfig} holds, sorted by name. Each resource carries
 * its own version ({@link ContentHash#of}, used by delta xDS); the set's version hashes the names and
 * resource versions in order, so it changes exactly when a resource is added, removed or changed.
 * Two sets are equal when their type and version are.
 */
public final class ResourceSet {
    private static final Map<ResourceType, Class<? extends Message>> MESSAGE_CLASSES = Map.of(
            ResourceType.CLUSTER, Cluster.class,
            ResourceType.ENDPOINT, ClusterLoadAssignment.class,
            ResourceType.LISTENER, Listener.class,
            ResourceType.ROUTE, RouteConfiguration.class,
            ResourceType.SECRET, Secret.class);

    private final ResourceType type;
    private final SortedMap<String, VersionedResource<? extends Message>> resources;
    private final String version;

    private ResourceSet(ResourceType type, SortedMap<String, VersionedResource<? extends Message>> resources) {
        this.type = type;
        this.resources = Collections.unmodifiableSortedMap(resources);
        List<String> parts = new ArrayList<>(2 * resources.size() + 1);
        parts.add(type.name());
        resources.forEach((name, resource) -> {
            parts.add(name);
            parts.add(resource.version());
        });
        this.version = ContentHash.ofParts(parts);
    }

    /**
     * The set of the given messages, hashing each once.
     *
     * @throws IllegalArgumentException if a message is not of the type's class, has an empty name, or
     *                                  shares its name with another
     */
    static ResourceSet of(ResourceType type, Collection<? extends Message> messages) {
        return of(type, messages, null);
    }

    /** As {@link #of(ResourceType, Collection)}, each resource taken from {@code interner} when one is given. */
    static ResourceSet of(ResourceType type, Collection<? extends Message> messages, ResourceInterner interner) {
        Class<? extends Message> expected = MESSAGE_CLASSES.get(Objects.requireNonNull(type, "type"));
        SortedMap<String, VersionedResource<? extends Message>> byName = new TreeMap<>();
        for (Message message : messages) {
            if (!expected.isInstance(message)) {
                throw new IllegalArgumentException("a " + type.name().toLowerCase() + " set cannot hold a "
                        + message.getDescriptorForType().getFullName());
            }
            String name = Resources.getResourceName(message);
            if (name.isEmpty()) {
                throw new IllegalArgumentException("a " + type.name().toLowerCase() + " has no name");
            }
            VersionedResource<? extends Message> resource = interner == null
                    ? VersionedResource.create(message, ContentHash.of(message))
                    : interner.intern(message);
            if (byName.put(name, resource) != null) {
                throw new IllegalArgumentException("two " + type.name().toLowerCase() + "s are named \"" + name + "\"");
            }
        }
        return new ResourceSet(type, byName);
    }

    /** The empty set of the type. */
    static ResourceSet empty(ResourceType type) {
        return of(type, List.of());
    }

    /** This set plus every resource of {@code older} whose name this set lacks; no resource is hashed again. */
    ResourceSet union(ResourceSet older) {
        if (older.type != type) {
            throw new IllegalArgumentException("cannot unite " + type + " with " + older.type);
        }
        if (containsEveryName(older)) {
            return this;
        }
        SortedMap<String, VersionedResource<? extends Message>> united = new TreeMap<>(older.resources);
        united.putAll(resources);
        return new ResourceSet(type, united);
    }

    /** Whether every resource name of {@code other} is in this set too. */
    boolean containsEveryName(ResourceSet other) {
        return other == this || resources.keySet().containsAll(other.resources.keySet());
    }

    public ResourceType type() {
        return type;
    }

    /** The content hash of the whole set. */
    public String version() {
        return version;
    }

    /** The resources by name, sorted, each with its content hash. */
    public SortedMap<String, VersionedResource<? extends Message>> resources() {
        return resources;
    }

    /** The messages in name order, as the given class. */
    <T extends Message> List<T> messages(Class<T> messageClass) {
        return resources.values().stream().map(r -> messageClass.cast(r.resource())).toList();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ResourceSet set && set.type == type && set.version.equals(version);
    }

    @Override
    public int hashCode() {
        return version.hashCode();
    }

    /** Type, count and version only: a set may hold secrets. */
    @Override
    public String toString() {
        return type.name().toLowerCase() + "s=" + resources.size() + "@" + version.substring(0, 12);
    }
}
