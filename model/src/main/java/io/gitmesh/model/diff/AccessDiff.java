package io.gitmesh.model.diff;

import io.gitmesh.model.Identity;
import io.gitmesh.model.OutboundPort;
import io.gitmesh.model.Permission;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How access changes: per source identity and service port, the {@code Access} resource (what the
 * source may send there) and the routes granted and revoked. A route is granted when the source may
 * use it now and could not before, revoked in the opposite case: an HTTP match stays usable where
 * every request is allowed ({@code *}), so narrowing {@code *} to some matches revokes {@code *}
 * alone, and widening some matches to {@code *} grants {@code *} alone.
 */
record AccessDiff(List<ResourceChange> resources, List<AccessEntry> granted, List<AccessEntry> revoked) {
    static final String KIND = "Access";

    /** What a source may send to one port, and the routes that opens. */
    private record Grant(Permission permission, List<String> routes) {
        static Grant of(OutboundPort port) {
            return new Grant(port.permission(), RouteNames.of(port.permission(), port.protocol()));
        }
    }

    static AccessDiff of(Collection<Identity> sources, OutboundPorts before, OutboundPorts after) {
        List<ResourceChange> resources = new ArrayList<>();
        List<AccessEntry> granted = new ArrayList<>();
        List<AccessEntry> revoked = new ArrayList<>();
        for (Identity source : sources) {
            List<OutboundPort> was = before.of(source);
            List<OutboundPort> is = after.of(source);
            if (was.equals(is)) {
                continue;
            }
            SortedMap<PortRef, Grant> grantsBefore = byPort(was);
            SortedMap<PortRef, Grant> grantsAfter = byPort(is);
            TreeSet<PortRef> ports = new TreeSet<>(grantsBefore.keySet());
            ports.addAll(grantsAfter.keySet());
            for (PortRef port : ports) {
                Optional<Grant> old = Optional.ofNullable(grantsBefore.get(port));
                Optional<Grant> now = Optional.ofNullable(grantsAfter.get(port));
                Change.between(old, now)
                        .ifPresent(c -> resources.add(ResourceChange.of(KIND, source + " -> " + port, c)));
                List<String> oldRoutes = old.map(Grant::routes).orElse(List.of());
                List<String> newRoutes = now.map(Grant::routes).orElse(List.of());
                newRoutes.stream().filter(r -> !RouteNames.covers(oldRoutes, r))
                        .forEach(r -> granted.add(new AccessEntry(source, port, r)));
                oldRoutes.stream().filter(r -> !RouteNames.covers(newRoutes, r))
                        .forEach(r -> revoked.add(new AccessEntry(source, port, r)));
            }
        }
        return new AccessDiff(List.copyOf(resources), List.copyOf(granted), List.copyOf(revoked));
    }

    private static SortedMap<PortRef, Grant> byPort(List<OutboundPort> ports) {
        SortedMap<PortRef, Grant> grants = new TreeMap<>();
        ports.forEach(p -> grants.putIfAbsent(PortRef.of(p.service(), p.port()), Grant.of(p)));
        return grants;
    }
}
