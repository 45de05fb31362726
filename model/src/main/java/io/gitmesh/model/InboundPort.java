package io.gitmesh.model;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A service port that workloads of one identity serve, and whom they admit there.
 *
 * @param targetPorts the container ports these workloads listen on for it (a named targetPort
 *                    resolved through their container ports); empty when none of them has it
 */
public record InboundPort(ServiceRef service, MeshPort port, List<Integer> targetPorts, Admission admission)
        implements Comparable<InboundPort> {
    private static final Comparator<InboundPort> ORDER = Comparator.comparing(InboundPort::service)
            .thenComparing(InboundPort::port);

    public InboundPort {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(port, "port");
        targetPorts = Values.sortedSet(targetPorts);
        Objects.requireNonNull(admission, "admission");
    }

    public int number() {
        return port.port();
    }

    @Override
    public int compareTo(InboundPort o) {
        return ORDER.compare(this, o);
    }
}
