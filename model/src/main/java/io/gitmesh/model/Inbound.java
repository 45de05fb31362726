package io.gitmesh.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the workloads of one identity serve and whom they admit (enforced by the inbound listener:
 * network RBAC for L4 ports, HTTP RBAC per route for HTTP ports).
 *
 * @param ports sorted by service, then port
 */
public record Inbound(Identity identity, List<InboundPort> ports) {
    public Inbound {
        Objects.requireNonNull(identity, "identity");
        ports = Values.sortedSet(ports);
    }

    public Optional<InboundPort> port(ServiceRef service, int number) {
        return ports.stream().filter(p -> p.service().equals(service) && p.number() == number).findFirst();
    }
}
