package io.gitmesh.model.cluster;

import io.gitmesh.model.Values;
import java.util.Comparator;
import java.util.Objects;

/** A container port of a workload's pods ({@code name} empty when unnamed). */
public record ContainerPort(String name, int port, Transport transport) implements Comparable<ContainerPort> {
    private static final Comparator<ContainerPort> ORDER = Comparator.comparingInt(ContainerPort::port)
            .thenComparing(ContainerPort::transport)
            .thenComparing(ContainerPort::name);

    public ContainerPort {
        Objects.requireNonNull(name, "name");
        Values.requirePort(port, "port");
        Objects.requireNonNull(transport, "transport");
    }

    @Override
    public int compareTo(ContainerPort o) {
        return ORDER.compare(this, o);
    }
}
