package io.gitmesh.schema;

import io.gitmesh.schema.policy.EnvoyOverride;
import io.gitmesh.schema.policy.HttpRouteGroup;
import io.gitmesh.schema.policy.MeshConfig;
import io.gitmesh.schema.policy.PolicyDocument;
import io.gitmesh.schema.policy.TcpRoute;
import io.gitmesh.schema.policy.TrafficSplit;
import io.gitmesh.schema.policy.TrafficTarget;
import io.gitmesh.schema.policy.UdpRoute;
import java.util.List;
import java.util.Optional;

/**
 * The policy documents of one revision, in a stable order (by resource key), whatever order the
 * files were read in.
 */
public record PolicySet(List<PolicyDocument> documents) {
    public static final PolicySet EMPTY = new PolicySet(List.of());

    public PolicySet {
        documents = KeyOrder.sorted(documents, PolicyDocument::key);
    }

    public List<TrafficTarget> trafficTargets() {
        return ofType(TrafficTarget.class);
    }

    public List<HttpRouteGroup> httpRouteGroups() {
        return ofType(HttpRouteGroup.class);
    }

    public List<TcpRoute> tcpRoutes() {
        return ofType(TcpRoute.class);
    }

    public List<UdpRoute> udpRoutes() {
        return ofType(UdpRoute.class);
    }

    public List<TrafficSplit> trafficSplits() {
        return ofType(TrafficSplit.class);
    }

    /** The EnvoyOverrides, in the order they apply: by namespace, then name. */
    public List<EnvoyOverride> envoyOverrides() {
        return ofType(EnvoyOverride.class);
    }

    /** The repository's MeshConfig, if it has one (at most one is valid). */
    public Optional<MeshConfig> meshConfig() {
        return ofType(MeshConfig.class).stream().findFirst();
    }

    /** The MeshConfig in force: the repository's, or the defaults. */
    public MeshConfig effectiveMeshConfig() {
        return meshConfig().orElseGet(MeshConfig::defaults);
    }

    public <T extends PolicyDocument> List<T> ofType(Class<T> type) {
        return documents.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
