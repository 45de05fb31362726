package io.gitmesh.xds.translate;

import io.gitmesh.model.Identity;
import io.gitmesh.model.Mesh;
import io.gitmesh.model.ServiceRef;
import io.gitmesh.model.TrafficMode;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

/**
 * Which parts of a mesh are not the very instances of the mesh before: the identities whose outbound
 * or inbound view is another instance, and the Services that are. Worked out once per translation, so
 * that each group asks a set instead of looking its views and Services up in both meshes
 * ({@link ProxyScope#sameIn}). Everything counts as changed without a mesh before, with another trust
 * domain, or in permissive mode (its outbound views are made on demand).
 */
final class MeshDelta {
    private static final MeshDelta EVERYTHING = new MeshDelta(null, null);

    private final Set<Identity> identities;
    private final Set<ServiceRef> services;

    private MeshDelta(Set<Identity> identities, Set<ServiceRef> services) {
        this.identities = identities;
        this.services = services;
    }

    /** From {@code before} (null when there is none) to {@code mesh}. */
    static MeshDelta between(Mesh before, Mesh mesh) {
        if (before == null || !before.trustDomain().equals(mesh.trustDomain()) || before.mode() != TrafficMode.SMI
                || mesh.mode() != TrafficMode.SMI) {
            return EVERYTHING;
        }
        Set<Identity> identities = new HashSet<>();
        other(before.outboundViews(), mesh.outboundViews(), identities);
        other(before.inboundViews(), mesh.inboundViews(), identities);
        Set<ServiceRef> services = new HashSet<>();
        other(before.services(), mesh.services(), services);
        return new MeshDelta(identities, services);
    }

    /** Whether the identity's views are the instances they were. */
    boolean sameViews(Identity identity) {
        return identities != null && !identities.contains(identity);
    }

    /** Whether the Service is the instance it was (or absent from both meshes). */
    boolean sameService(ServiceRef service) {
        return services != null && !services.contains(service);
    }

    /** Adds the keys whose value is another instance in {@code after}, or in one map only. */
    private static <K> void other(SortedMap<K, ?> before, SortedMap<K, ?> after, Set<K> changed) {
        for (Map.Entry<K, ?> entry : after.entrySet()) {
            if (before.get(entry.getKey()) != entry.getValue()) {
                changed.add(entry.getKey());
            }
        }
        for (K key : before.keySet()) {
            if (!after.containsKey(key)) {
                changed.add(key);
            }
        }
    }
}
