package io.gitmesh.xds.server;

import com.google.common.collect.Maps;
import com.google.protobuf.Message;
import io.envoyproxy.controlplane.cache.Resources.ResourceType;
import io.envoyproxy.controlplane.cache.Snapshot;
import io.envoyproxy.controlplane.cache.VersionedResource;
import io.gitmesh.xds.ProxyConfig;
import java.util.List;
import java.util.Map;

/**
 * A {@link ProxyConfig} as java-control-plane's cache sees it. Unlike the library's own
 * {@code v3.Snapshot}, whose per-resource versions come from {@code hashCode()} (and so differ between
 * JVMs), every version here is the config's content hash: per type for state-of-the-world, per resource
 * for delta.
 */
final class GroupSnapshot extends Snapshot {
    private final ProxyConfig config;

    GroupSnapshot(ProxyConfig config) {
        this.config = config;
    }

    /** The type's version, whichever names were asked for: a subset changes whenever its type does. */
    @Override
    public String version(ResourceType type, List<String> resourceNames) {
        return config.version(type);
    }

    @Override
    public Map<String, ? extends Message> resources(ResourceType type) {
        return Maps.transformValues(versionedResources(type), VersionedResource::resource);
    }

    @Override
    public Map<String, VersionedResource<? extends Message>> versionedResources(ResourceType type) {
        return config.resources(type).resources();
    }
}
