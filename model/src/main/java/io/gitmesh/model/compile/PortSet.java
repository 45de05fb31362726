package io.gitmesh.model.compile;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The ports a TCPRoute or UDPRoute allows: every port, or some. */
record PortSet(boolean all, Set<Integer> ports) {
    static final PortSet ALL = new PortSet(true, Set.of());
    static final PortSet NONE = new PortSet(false, Set.of());

    PortSet {
        ports = Set.copyOf(ports);
    }

    /** A route's {@code matches.ports}: empty means every port. */
    static PortSet of(List<Integer> routePorts) {
        return routePorts.isEmpty() ? ALL : new PortSet(false, new TreeSet<>(routePorts));
    }

    PortSet union(PortSet other) {
        if (all || other.all) {
            return ALL;
        }
        Set<Integer> both = new TreeSet<>(ports);
        both.addAll(other.ports);
        return new PortSet(false, both);
    }

    /**
     * Whether a Service port is among these: by its own number, or by a port its pods serve it on
     * (OSM checks the pod's port; people often write the Service's; in most Services they agree).
     */
    boolean admits(int servicePort, List<Integer> targetPorts) {
        return all || ports.contains(servicePort) || targetPorts.stream().anyMatch(ports::contains);
    }
}
