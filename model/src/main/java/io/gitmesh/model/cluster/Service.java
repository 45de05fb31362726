package io.gitmesh.model.cluster;

import io.gitmesh.model.ServiceRef;
import io.gitmesh.model.Values;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Service.
 *
 * @param selector  sorted; empty for a Service without a selector (its endpoints are managed by hand)
 * @param ports     sorted by port number
 * @param clusterIp as written ({@code None} for a headless Service), empty when unset
 */
public record Service(ServiceRef ref, Map<String, String> selector, List<ServicePort> ports, String clusterIp) {
    public Service {
        Objects.requireNonNull(ref, "ref");
        selector = Values.sortedMap(selector);
        ports = Values.sortedSet(ports);
        Objects.requireNonNull(clusterIp, "clusterIp");
    }

    /** Whether pods with these labels back the Service: its selector is not empty and the labels contain it. */
    public boolean selects(Map<String, String> podLabels) {
        return !selector.isEmpty() && podLabels.entrySet().containsAll(selector.entrySet());
    }
}
