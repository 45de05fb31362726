package io.gitmesh.xds.server;

import io.envoyproxy.controlplane.cache.ConfigWatcher;
import io.envoyproxy.controlplane.cache.DeltaResponse;
import io.envoyproxy.controlplane.cache.DeltaWatch;
import io.envoyproxy.controlplane.cache.DeltaXdsRequest;
import io.envoyproxy.controlplane.cache.Resources.ResourceType;
import io.envoyproxy.controlplane.cache.Response;
import io.envoyproxy.controlplane.cache.Watch;
import io.envoyproxy.controlplane.cache.XdsRequest;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Lets listeners and clusters be answered in ADS even when a requested name is gone.
 *
 * <p>java-control-plane's {@code SimpleCache} does not answer an ADS request at all while any name it
 * asks for is missing from the snapshot. That suits Envoy's RDS and EDS warming, but gRPC clients ask
 * for listeners and clusters by name: one removed service would freeze every later listener (or
 * cluster) update to them. In xDS, listeners and clusters are full-state types, where a missing name
 * means "deleted", so for those two types this watcher asks the cache for the plain (non-ADS)
 * behaviour: answer with the requested resources that exist.
 */
final class FullStateTypesWatcher implements ConfigWatcher {
    private static final Set<ResourceType> FULL_STATE = EnumSet.of(ResourceType.LISTENER, ResourceType.CLUSTER);

    private final ConfigWatcher cache;

    FullStateTypesWatcher(ConfigWatcher cache) {
        this.cache = cache;
    }

    @Override
    public Watch createWatch(boolean ads, XdsRequest request, Set<String> knownResourceNames,
            Consumer<Response> responseConsumer, boolean hasClusterChanged, boolean allowDefaultEmptyEdsUpdate) {
        boolean waitForAllNames = ads && !FULL_STATE.contains(request.getResourceType());
        return cache.createWatch(waitForAllNames, request, knownResourceNames, responseConsumer,
                hasClusterChanged, allowDefaultEmptyEdsUpdate);
    }

    @Override
    public DeltaWatch createDeltaWatch(DeltaXdsRequest request, String requesterVersion,
            Map<String, String> resourceVersions, Set<String> pendingResources, boolean isWildcard,
            Consumer<DeltaResponse> responseConsumer, boolean hasClusterChanged) {
        return cache.createDeltaWatch(request, requesterVersion, resourceVersions, pendingResources, isWildcard,
                responseConsumer, hasClusterChanged);
    }
}
