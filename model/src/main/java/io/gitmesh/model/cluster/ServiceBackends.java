package io.gitmesh.model.cluster;

import io.gitmesh.model.Endpoint;
import io.gitmesh.model.Identity;
import io.gitmesh.model.Values;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What is behind a Service: its workloads, their identities, and its endpoints per port.
 *
 * @param workloads  the workloads its selector picks, and the Pods its endpoint slices name; sorted
 * @param identities the identities those workloads run as; sorted
 * @param endpoints  per Service port name, its addresses (sorted); empty offline, where workloads
 *                   have no IPs
 */
public record ServiceBackends(List<Workload> workloads, List<Identity> identities,
        Map<String, List<Endpoint>> endpoints) {
    public static final ServiceBackends NONE = new ServiceBackends(List.of(), List.of(), Map.of());

    public ServiceBackends {
        workloads = workloads.stream().sorted(Comparator.comparing(Workload::ref)).distinct().toList();
        identities = Values.sortedSet(identities);
        Map<String, List<Endpoint>> sortedEndpoints = new TreeMap<>();
        endpoints.forEach((port, addresses) -> sortedEndpoints.put(port, Values.sortedSet(addresses)));
        endpoints = Values.sortedMap(sortedEndpoints);
    }

    public List<Endpoint> endpoints(ServicePort port) {
        return endpoints.getOrDefault(port.name(), List.of());
    }

    /** The ports the workloads of {@code identity} serve the Service port on (sorted; empty when none). */
    public List<Integer> targetPorts(ServicePort port, Identity identity) {
        return Values.sortedSet(workloads.stream()
                .filter(w -> w.identity().equals(identity))
                .map(w -> w.listensOn(port))
                .flatMap(Optional::stream)
                .toList());
    }
}
