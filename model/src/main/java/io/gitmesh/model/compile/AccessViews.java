package io.gitmesh.model.compile;

import io.gitmesh.model.Admission;
import io.gitmesh.model.Identity;
import io.gitmesh.model.Inbound;
import io.gitmesh.model.InboundPort;
import io.gitmesh.model.Outbound;
import io.gitmesh.model.OutboundPort;
import io.gitmesh.model.Permission;
import io.gitmesh.model.TrafficMode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Per identity, what it may reach (outbound) and whom its workloads admit (inbound). */
final class AccessViews {
    private final TrafficMode mode;
    private final AccessRules access;
    private final CompiledServices services;

    AccessViews(TrafficMode mode, AccessRules access, CompiledServices services) {
        this.mode = mode;
        this.access = access;
        this.services = services;
    }

    /** What {@code source} may reach in SMI mode (in permissive mode the {@link io.gitmesh.model.Mesh} answers). */
    Outbound outbound(Identity source) {
        Map<PortKey, Permission> direct = new HashMap<>();
        for (AccessRules.Grant grant : access.from(source)) {
            for (ServedPort served : services.servedBy(grant.destination())) {
                grant.rules().permission(served.port(), served.targetPorts())
                        .ifPresent(p -> direct.merge(served.key(), p, Permission::union));
            }
        }
        Map<PortKey, Permission> reachable = new HashMap<>(direct);
        direct.keySet().stream()
                .flatMap(backend -> services.rootsSharingWith(backend).stream())
                .distinct()
                .forEach(root -> reachable.put(root, throughSplit(root, direct)));
        return new Outbound(source, reachable.entrySet().stream()
                .map(e -> new OutboundPort(e.getKey().service(), services.port(e.getKey()), e.getValue()))
                .toList());
    }

    /** What a split root allows: what the root itself and the backends that share its traffic allow, together. */
    private Permission throughSplit(PortKey root, Map<PortKey, Permission> direct) {
        return Stream.concat(Stream.of(root), services.sharingBackends(root).stream())
                .map(direct::get)
                .filter(Objects::nonNull)
                .reduce(Permission::union)
                .orElseThrow();
    }

    Inbound inbound(Identity destination) {
        List<AccessRules.Grant> grants = access.to(destination);
        return new Inbound(destination, services.servedBy(destination).stream()
                .map(served -> new InboundPort(served.service(), served.port(), served.targetPorts(),
                        mode == TrafficMode.PERMISSIVE ? Admission.ANY_SOURCE : admission(served, grants)))
                .toList());
    }

    private static Admission admission(ServedPort served, List<AccessRules.Grant> grants) {
        TreeMap<Identity, Permission> allowed = new TreeMap<>();
        for (AccessRules.Grant grant : grants) {
            grant.rules().permission(served.port(), served.targetPorts())
                    .ifPresent(p -> allowed.merge(grant.source(), p, Permission::union));
        }
        return new Admission.Sources(allowed);
    }
}
