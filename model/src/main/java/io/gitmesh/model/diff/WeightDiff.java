package io.gitmesh.model.diff;

import io.gitmesh.model.ServiceRef;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SequencedSet;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/** The backends whose share of a port's traffic moves. */
final class WeightDiff {
    private static final RouteShares NO_ROUTE = new RouteShares(RouteNames.EVERY_REQUEST, new TreeMap<>());

    private WeightDiff() {
    }

    /**
     * By port, then route (the routes of {@code after} in their order, then those only {@code before}
     * has), then backend. A port on one side only counts when a split applies to it there: a new
     * Service sending its traffic to itself moves no weight.
     */
    static List<WeightChange> of(SortedMap<PortRef, List<RouteShares>> before,
            SortedMap<PortRef, List<RouteShares>> after) {
        TreeSet<PortRef> ports = new TreeSet<>(before.keySet());
        ports.addAll(after.keySet());
        List<WeightChange> changes = new ArrayList<>();
        for (PortRef port : ports) {
            List<RouteShares> was = before.getOrDefault(port, List.of());
            List<RouteShares> is = after.getOrDefault(port, List.of());
            if (was.isEmpty() && RouteShares.isDirect(port, is) || is.isEmpty() && RouteShares.isDirect(port, was)) {
                continue;
            }
            SequencedSet<String> routes = new LinkedHashSet<>();
            is.forEach(r -> routes.add(r.route()));
            was.forEach(r -> routes.add(r.route()));
            for (String route : routes) {
                RouteShares old = find(was, route);
                RouteShares now = find(is, route);
                TreeSet<ServiceRef> backends = new TreeSet<>(old.percents().keySet());
                backends.addAll(now.percents().keySet());
                for (ServiceRef backend : backends) {
                    int from = old.percentOf(backend);
                    int to = now.percentOf(backend);
                    if (from != to) {
                        changes.add(new WeightChange(port, route, backend, from, to));
                    }
                }
            }
        }
        return changes;
    }

    private static RouteShares find(List<RouteShares> routes, String route) {
        return routes.stream().filter(r -> r.route().equals(route)).findFirst().orElse(NO_ROUTE);
    }
}
