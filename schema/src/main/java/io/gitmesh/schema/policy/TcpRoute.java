package io.gitmesh.schema.policy;

import java.util.List;
import java.util.Objects;

/** specs.smi-spec.io TCPRoute v1alpha4: the ports it allows (empty = every port). */
public record TcpRoute(Meta meta, List<Integer> ports) implements PolicyDocument {
    public static final String KIND = "TCPRoute";

    public TcpRoute {
        Objects.requireNonNull(meta, "meta");
        ports = List.copyOf(ports);
    }

    @Override
    public String kind() {
        return KIND;
    }
}
