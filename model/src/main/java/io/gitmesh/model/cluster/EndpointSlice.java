package io.gitmesh.model.cluster;

import io.gitmesh.model.ServiceRef;
import io.gitmesh.model.Values;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Addresses behind a Service that share the same ports: an EndpointSlice, or one subset of an
 * Endpoints object. When a Service has any, they replace the endpoints derived from its pods.
 */
public record EndpointSlice(ServiceRef service, List<Port> ports, List<Address> addresses)
        implements Comparable<EndpointSlice> {
    private static final Comparator<EndpointSlice> ORDER = Comparator.comparing(EndpointSlice::service)
            .thenComparing(EndpointSlice::ports, Values.lexicographic())
            .thenComparing(EndpointSlice::addresses, Values.lexicographic());

    public EndpointSlice {
        Objects.requireNonNull(service, "service");
        ports = Values.sortedSet(ports);
        addresses = Values.sortedSet(addresses);
    }

    @Override
    public int compareTo(EndpointSlice o) {
        return ORDER.compare(this, o);
    }

    /** A port of the slice; {@code name} is the Service port's name it serves. */
    public record Port(String name, int port, Transport transport) implements Comparable<Port> {
        private static final Comparator<Port> ORDER = Comparator.comparing(Port::name)
                .thenComparingInt(Port::port)
                .thenComparing(Port::transport);

        public Port {
            Objects.requireNonNull(name, "name");
            Values.requirePort(port, "port");
            Objects.requireNonNull(transport, "transport");
        }

        @Override
        public int compareTo(Port o) {
            return ORDER.compare(this, o);
        }
    }

    /** An address of the slice; {@code podName} names the Pod behind it, empty when unknown. */
    public record Address(String ip, boolean ready, String podName) implements Comparable<Address> {
        private static final Comparator<Address> ORDER = Comparator.comparing(Address::ip)
                .thenComparing(Address::ready)
                .thenComparing(Address::podName);

        public Address {
            Values.requireText(ip, "ip");
            Objects.requireNonNull(podName, "podName");
        }

        @Override
        public int compareTo(Address o) {
            return ORDER.compare(this, o);
        }
    }
}
