package io.gitmesh.model.cluster;

import io.gitmesh.model.TargetPort;
import io.gitmesh.model.Values;
import java.util.Comparator;
import java.util.Objects;

/**
 * A Service port.
 *
 * @param name        empty for the unnamed port of a single-port Service
 * @param appProtocol the port's {@code appProtocol}, empty when unset
 */
public record ServicePort(String name, int port, TargetPort targetPort, Transport transport, String appProtocol)
        implements Comparable<ServicePort> {
    private static final Comparator<ServicePort> ORDER = Comparator.comparingInt(ServicePort::port)
            .thenComparing(ServicePort::transport)
            .thenComparing(ServicePort::name);

    public ServicePort {
        Objects.requireNonNull(name, "name");
        Values.requirePort(port, "port");
        Objects.requireNonNull(targetPort, "targetPort");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(appProtocol, "appProtocol");
    }

    @Override
    public int compareTo(ServicePort o) {
        return ORDER.compare(this, o);
    }
}
