package io.gitmesh.model.diff;

import io.gitmesh.model.MeshPort;
import io.gitmesh.model.Protocol;
import io.gitmesh.model.ServiceRef;
import io.gitmesh.model.Values;
import io.gitmesh.model.cluster.Transport;
import java.util.Comparator;
import java.util.Objects;

/**
 * A Service port by service, number and transport (a Service may serve TCP and UDP on one number).
 * Written {@code namespace/name:port}, with {@code /udp} after a UDP port.
 */
public record PortRef(ServiceRef service, int port, Transport transport) implements Comparable<PortRef> {
    private static final Comparator<PortRef> ORDER = Comparator.comparing(PortRef::service)
            .thenComparingInt(PortRef::port)
            .thenComparing(PortRef::transport);

    public PortRef {
        Objects.requireNonNull(service, "service");
        Values.requirePort(port, "port");
        if (transport != Transport.TCP && transport != Transport.UDP) {
            throw new IllegalArgumentException("a mesh port is TCP or UDP, not " + transport);
        }
    }

    public static PortRef of(ServiceRef service, MeshPort port) {
        return new PortRef(service, port.port(), port.protocol() == Protocol.UDP ? Transport.UDP : Transport.TCP);
    }

    /** The port with this port's number and transport on another service (a split backend). */
    public PortRef on(ServiceRef other) {
        return new PortRef(other, port, transport);
    }

    @Override
    public String toString() {
        return service + ":" + port + (transport == Transport.UDP ? "/udp" : "");
    }

    @Override
    public int compareTo(PortRef o) {
        return ORDER.compare(this, o);
    }
}
