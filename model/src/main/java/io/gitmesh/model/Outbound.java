package io.gitmesh.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one identity may reach: in SMI mode only the service ports some TrafficTarget opens to it;
 * a sidecar of this identity gets listeners and clusters for exactly these (DESIGN.md §5).
 *
 * @param ports sorted by service, then port
 */
public record Outbound(Identity identity, List<OutboundPort> ports) {
    public Outbound {
        Objects.requireNonNull(identity, "identity");
        ports = Values.sortedSet(ports);
    }

    public Optional<OutboundPort> port(ServiceRef service, int number) {
        return ports.stream().filter(p -> p.service().equals(service) && p.number() == number).findFirst();
    }

    /** The services reachable on at least one port, sorted. */
    public List<ServiceRef> services() {
        return ports.stream().map(OutboundPort::service).distinct().toList();
    }

    public boolean isEmpty() {
        return ports.isEmpty();
    }
}
