package io.gitmesh.model;

import java.util.Comparator;
import java.util.Objects;

/**
 * A service port a source may reach, with what it may send there. Where the traffic goes (and the
 * identities to expect on the other side) is the port's {@link #routing()}.
 */
public record OutboundPort(ServiceRef service, MeshPort port, Permission permission)
        implements Comparable<OutboundPort> {
    private static final Comparator<OutboundPort> ORDER = Comparator.comparing(OutboundPort::service)
            .thenComparing(OutboundPort::port);

    public OutboundPort {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(permission, "permission");
    }

    public int number() {
        return port.port();
    }

    public Protocol protocol() {
        return port.protocol();
    }

    public Routing routing() {
        return port.routing();
    }

    @Override
    public int compareTo(OutboundPort o) {
        return ORDER.compare(this, o);
    }
}
