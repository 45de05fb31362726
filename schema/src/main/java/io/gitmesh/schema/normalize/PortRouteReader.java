package io.gitmesh.schema.normalize;

import io.gitmesh.schema.policy.Meta;
import io.gitmesh.schema.policy.TcpRoute;
import io.gitmesh.schema.policy.UdpRoute;
import java.util.ArrayList;
import java.util.List;

/**
 * specs.smi-spec.io TCPRoute and UDPRoute. From v1alpha4 a route may name ports
 * ({@code spec.matches.ports}); no list, or an empty one, means every port, as do all earlier
 * versions, which have no ports at all.
 */
final class PortRouteReader {
    private PortRouteReader() {
    }

    static TcpRoute tcp(FieldReader fields, Meta meta, String version) {
        return new TcpRoute(meta, ports(fields, version));
    }

    static UdpRoute udp(FieldReader fields, Meta meta, String version) {
        return new UdpRoute(meta, ports(fields, version));
    }

    private static List<Integer> ports(FieldReader fields, String version) {
        List<Integer> ports = new ArrayList<>();
        if (version.equals("v1alpha4")) {
            Located spec = fields.object(fields.root().child("spec"));
            Located matches = fields.object(spec.child("matches"));
            for (Located port : fields.list(matches.child("ports"))) {
                fields.port(port).ifPresent(ports::add);
            }
        }
        return ports;
    }
}
