package io.gitmesh.model.cluster;

import io.gitmesh.model.Identity;
import io.gitmesh.model.TargetPort;
import io.gitmesh.model.Values;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Something that runs pods: a Deployment, StatefulSet, DaemonSet or a bare Pod.
 *
 * @param podLabels      the labels of its pods (sorted)
 * @param serviceAccount the ServiceAccount its pods run as
 * @param replicas       desired pods
 * @param ports          the container ports of its pods
 * @param addresses      pod IPs (a Pod with a status); empty offline
 */
public record Workload(WorkloadRef ref, Map<String, String> podLabels, String serviceAccount, int replicas,
        List<ContainerPort> ports, List<String> addresses) {

    public Workload {
        Objects.requireNonNull(ref, "ref");
        podLabels = Values.sortedMap(podLabels);
        Values.requireText(serviceAccount, "serviceAccount");
        if (replicas < 0) {
            throw new IllegalArgumentException("replicas must not be negative: " + replicas);
        }
        ports = Values.sortedSet(ports);
        addresses = Values.sortedSet(addresses);
    }

    /** The identity its pods run as: its ServiceAccount, in its namespace. */
    public Identity identity() {
        return new Identity(ref.namespace(), serviceAccount);
    }

    /**
     * The port its pods serve a Service port on: a numbered targetPort as it is, a named one through
     * the container port of that name and transport; empty when the pods have no such port.
     */
    public Optional<Integer> listensOn(ServicePort servicePort) {
        return switch (servicePort.targetPort()) {
            case TargetPort.Numbered n -> Optional.of(n.port());
            case TargetPort.Named n -> ports.stream()
                    .filter(p -> p.name().equals(n.name()) && p.transport() == servicePort.transport())
                    .map(ContainerPort::port)
                    .findFirst();
        };
    }
}
