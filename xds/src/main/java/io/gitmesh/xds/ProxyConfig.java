package io.gitmesh.xds;

import com.google.protobuf.Message;
import io.envoyproxy.controlplane.cache.Resources;
import io.envoyproxy.controlplane.cache.Resources.ResourceType;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.Secret;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What one {@link SnapshotGroup} receives over xDS: listeners, route configurations, clusters, cluster
 * load assignments (EDS) and secrets, each type a {@link ResourceSet} sorted by name with a per-type
 * version that is a content hash. This is the whole contract between translation (which builds it) and
 * the ADS server (which serves it): the server never looks inside beyond names and references.
 *
 * <p>Immutable. Equal when every per-type version is equal, i.e. when the content is.
 */
public final class ProxyConfig {
    private final Map<ResourceType, ResourceSet> sets;
    private final String version;
    /** {@link #missingReferences()}, computed on first use: the config is immutable. */
    private volatile List<String> missingReferences;

    private ProxyConfig(Map<ResourceType, ResourceSet> sets) {
        EnumMap<ResourceType, ResourceSet> copy = new EnumMap<>(ResourceType.class);
        for (ResourceType type : Resources.RESOURCE_TYPES_IN_ORDER) {
            copy.put(type, sets.getOrDefault(type, ResourceSet.empty(type)));
        }
        this.sets = Collections.unmodifiableMap(copy);
        this.version = ContentHash.ofParts(copy.values().stream().map(ResourceSet::version).toList());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The resources of one type. */
    public ResourceSet resources(ResourceType type) {
        return sets.get(type);
    }

    /** The content hash of one type's resources. */
    public String version(ResourceType type) {
        return sets.get(type).version();
    }

    /** The content hash of the whole config. */
    public String version() {
        return version;
    }

    public List<Listener> listeners() {
        return sets.get(ResourceType.LISTENER).messages(Listener.class);
    }

    public List<RouteConfiguration> routes() {
        return sets.get(ResourceType.ROUTE).messages(RouteConfiguration.class);
    }

    public List<Cluster> clusters() {
        return sets.get(ResourceType.CLUSTER).messages(Cluster.class);
    }

    public List<ClusterLoadAssignment> endpoints() {
        return sets.get(ResourceType.ENDPOINT).messages(ClusterLoadAssignment.class);
    }

    public List<Secret> secrets() {
        return sets.get(ResourceType.SECRET).messages(Secret.class);
    }

    /**
     * What makes this config inconsistent, one sentence per dangling reference, sorted; empty when every
     * route configuration a listener names (RDS) and every load assignment an EDS cluster names exists.
     */
    public List<String> missingReferences() {
        List<String> missing = missingReferences;
        if (missing == null) {
            missing = References.missing(this);
            missingReferences = missing;
        }
        return missing;
    }

    /**
     * The make-before-break step from {@code previous} to this config: this config's listeners, and the
     * union of both configs' routes, clusters, endpoints and secrets (this config's resource wins where
     * both have the name). Nothing a proxy may still use is removed, and everything this config's
     * listeners reach is present. This very config when it has every name of {@code previous}'s (nothing
     * is removed).
     */
    public ProxyConfig retaining(ProxyConfig previous) {
        if (keepsEveryNameOf(previous)) {
            return this;
        }
        Map<ResourceType, ResourceSet> united = new EnumMap<>(ResourceType.class);
        sets.forEach((type, set) -> united.put(type,
                type == ResourceType.LISTENER ? set : set.union(previous.sets.get(type))));
        return new ProxyConfig(united);
    }

    /**
     * This config with {@code secrets} as its whole secret set: the other types, and their versions, are
     * the same objects, so adding SDS secrets leaves what translation built byte-identical.
     *
     * @throws IllegalArgumentException if two secrets share a name, or one has none
     */
    public ProxyConfig withSecrets(Collection<Secret> secrets) {
        Map<ResourceType, ResourceSet> replaced = new EnumMap<>(sets);
        replaced.put(ResourceType.SECRET, ResourceSet.of(ResourceType.SECRET, secrets));
        return new ProxyConfig(replaced);
    }

    private boolean keepsEveryNameOf(ProxyConfig previous) {
        return sets.entrySet().stream().allMatch(entry -> entry.getKey() == ResourceType.LISTENER
                || entry.getValue().containsEveryName(previous.sets.get(entry.getKey())));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ProxyConfig config && config.version.equals(version);
    }

    @Override
    public int hashCode() {
        return version.hashCode();
    }

    /** Counts and versions only: a config may hold secrets. */
    @Override
    public String toString() {
        return sets.values().stream().map(ResourceSet::toString).collect(Collectors.joining(", ", "ProxyConfig[", "]"));
    }

    /** Collects resources by type; each resource is hashed once, in {@link #build()}. */
    public static final class Builder {
        private final Map<ResourceType, List<Message>> messages = new EnumMap<>(ResourceType.class);

        private Builder() {
        }

        public Builder listeners(Collection<Listener> listeners) {
            return add(ResourceType.LISTENER, listeners);
        }

        public Builder routes(Collection<RouteConfiguration> routes) {
            return add(ResourceType.ROUTE, routes);
        }

        public Builder clusters(Collection<Cluster> clusters) {
            return add(ResourceType.CLUSTER, clusters);
        }

        public Builder endpoints(Collection<ClusterLoadAssignment> endpoints) {
            return add(ResourceType.ENDPOINT, endpoints);
        }

        public Builder secrets(Collection<Secret> secrets) {
            return add(ResourceType.SECRET, secrets);
        }

        /**
         * The config holding everything added.
         *
         * @throws IllegalArgumentException if two resources of one type share a name, or one has none
         */
        public ProxyConfig build() {
            return build(null);
        }

        /**
         * The config holding everything added, each resource shared through {@code interner} with the
         * other configs built with it; the same config as {@link #build()} gives, version for version.
         */
        public ProxyConfig build(ResourceInterner interner) {
            Map<ResourceType, ResourceSet> sets = new EnumMap<>(ResourceType.class);
            messages.forEach((type, list) -> sets.put(type, ResourceSet.of(type, list, interner)));
            return new ProxyConfig(sets);
        }

        private Builder add(ResourceType type, Collection<? extends Message> resources) {
            messages.computeIfAbsent(type, t -> new ArrayList<>()).addAll(resources);
            return this;
        }
    }
}
