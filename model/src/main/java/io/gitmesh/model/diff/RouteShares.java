package io.gitmesh.model.diff;

import io.gitmesh.model.MeshPort;
import io.gitmesh.model.Mesh;
import io.gitmesh.model.MeshService;
import io.gitmesh.model.ServiceRef;
import io.gitmesh.model.TrafficRoute;
import io.gitmesh.model.Values;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One route of a port's routing as plans compare it: its name and each backend's percent. The
 * backends' identities are left out: they belong to the backend Services, whose changes plans report
 * there.
 */
record RouteShares(String route, SortedMap<ServiceRef, Integer> percents) {
    RouteShares {
        percents = Values.sortedMap(percents);
    }

    static RouteShares of(TrafficRoute route) {
        SortedMap<ServiceRef, Integer> percents = new TreeMap<>();
        route.backends().forEach(b -> percents.put(b.service(), b.percent()));
        return new RouteShares(RouteNames.of(route), percents);
    }

    /** Every port of the mesh with its routes, in the order they are tried. */
    static SortedMap<PortRef, List<RouteShares>> of(Mesh mesh) {
        SortedMap<PortRef, List<RouteShares>> ports = new TreeMap<>();
        for (MeshService service : mesh.services().values()) {
            for (MeshPort port : service.ports()) {
                ports.putIfAbsent(PortRef.of(service.ref(), port),
                        port.routing().routes().stream().map(RouteShares::of).toList());
            }
        }
        return ports;
    }

    /** Whether the routes send everything to the port's own service: no split applies. */
    static boolean isDirect(PortRef port, List<RouteShares> routes) {
        return routes.size() == 1 && routes.getFirst().percents().equals(Map.of(port.service(), 100));
    }

    /** The percents of {@code backend}'s share, 0 when it is not among the backends. */
    int percentOf(ServiceRef backend) {
        return percents.getOrDefault(backend, 0);
    }
}
