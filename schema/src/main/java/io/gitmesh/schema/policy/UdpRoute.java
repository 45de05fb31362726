package io.gitmesh.schema.policy;

import java.util.List;
import java.util.Objects;

/** specs.smi-spec.io UDPRoute v1alpha4: the ports it allows (empty = every port). */
public record UdpRoute(Meta meta, List<Integer> ports) implements PolicyDocument {
    public static final String KIND = "UDPRoute";

    public UdpRoute {
        Objects.requireNonNull(meta, "meta");
        ports = List.copyOf(ports);
    }

    @Override
    public String kind() {
        return KIND;
    }
}
