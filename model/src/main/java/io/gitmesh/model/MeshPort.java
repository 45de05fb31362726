package io.gitmesh.model;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A port of a mesh service.
 *
 * @param name      the Service port's name (empty for an unnamed single port)
 * @param endpoints the ready and not-ready addresses behind the port; empty when the cluster state
 *                  has no addresses (offline)
 * @param routing   where the traffic to this port goes (TrafficSplit, or the service itself)
 */
public record MeshPort(String name, int port, TargetPort targetPort, Protocol protocol, List<Endpoint> endpoints,
        Routing routing) implements Comparable<MeshPort> {
    private static final Comparator<MeshPort> ORDER = Comparator.comparingInt(MeshPort::port)
            .thenComparing(MeshPort::protocol)
            .thenComparing(MeshPort::name);

    public MeshPort {
        Objects.requireNonNull(name, "name");
        Values.requirePort(port, "port");
        Objects.requireNonNull(targetPort, "targetPort");
        Objects.requireNonNull(protocol, "protocol");
        endpoints = Values.sortedSet(endpoints);
        Objects.requireNonNull(routing, "routing");
    }

    @Override
    public int compareTo(MeshPort o) {
        return ORDER.compare(this, o);
    }
}
