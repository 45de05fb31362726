package io.gitmesh.schema;

import io.gitmesh.schema.policy.EnvoyOverride;
import io.gitmesh.schema.policy.HttpRouteGroup;
import io.gitmesh.schema.policy.MeshConfig;
import io.gitmesh.schema.policy.PolicyDocument;
import io.gitmesh.schema.policy.TcpRoute;
import io.gitmesh.schema.policy.TrafficSplit;
import io.gitmesh.schema.policy.TrafficTarget;
import io.gitmesh.schema.policy.UdpRoute;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The policy documents of one revision, in a stable order (by resource key), whatever order the
 * files were read in. A value: equal when the documents are; the documents of each kind are sorted
 * out once, as the checks, the compiler and the translation ask for them many times.
 */
public final class PolicySet {
    public static final PolicySet EMPTY = new PolicySet(List.of());

    private final List<PolicyDocument> documents;
    private final Map<Class<?>, List<PolicyDocument>> byKind;

    public PolicySet(List<PolicyDocument> documents) {
        this.documents = KeyOrder.sorted(documents, PolicyDocument::kind, PolicyDocument::meta);
        this.byKind = new HashMap<>();
        for (int start = 0; start < this.documents.size(); ) {
            Class<?> kind = this.documents.get(start).getClass();
            int end = endOfKind(start, kind);
            byKind.put(kind, this.documents.subList(start, end));
            start = end;
        }
    }

    /**
     * Where the documents of {@code kind}, starting at {@code start}, end: in key order the documents
     * of a kind stand together (each record writes one kind), so a binary search finds it without
     * looking at every document.
     */
    private int endOfKind(int start, Class<?> kind) {
        int low = start + 1;
        int high = documents.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (documents.get(middle).getClass() == kind) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    /** Every document, sorted by resource key. */
    public List<PolicyDocument> documents() {
        return documents;
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

    /** The documents of one kind (a record type such as {@code TrafficTarget.class}), sorted by key. */
    @SuppressWarnings("unchecked") // byKind files each document under its own class
    public <T extends PolicyDocument> List<T> ofType(Class<T> type) {
        if (type.isRecord()) {
            return (List<T>) byKind.getOrDefault(type, List.of());
        }
        return documents.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PolicySet other && documents.equals(other.documents);
    }

    @Override
    public int hashCode() {
        return documents.hashCode();
    }

    @Override
    public String toString() {
        return "PolicySet[documents=" + documents + "]";
    }
}
