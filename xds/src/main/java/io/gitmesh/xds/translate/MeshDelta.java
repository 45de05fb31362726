package io.gitmesh.xds.translate;

import io.gitmesh.model.Identity;
import io.gitmesh.model.Mesh;
import io.gitmesh.model.ServiceRef;
import io.gitmesh.model.TrafficMode;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.function.Function;

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

    /**
     * What a group's translation can depend on that changed, when it is known: the identities whose
     * views are other instances and the identities {@code referrers} names for each Service that is;
     * empty when everything counts as changed.
     */
    Optional<Set<Identity>> touched(Function<ServiceRef, Set<Identity>> referrers) {
        if (identities == null) {
            return Optional.empty();
        }
        Set<Identity> touched = new HashSet<>(identities);
        services.forEach(service -> touched.addAll(referrers.apply(service)));
        return Optional.of(touched);
    }

    /** Whether the identity's views are the instances they were. */
    boolean sameViews(Identity identity) {
        return identities != null && !identities.contains(identity);
    }

    /** Whether the Service is the instance it was (or absent from both meshes). */
    boolean sameService(ServiceRef service) {
        return services != null && !services.contains(service);
    }

    /**
     * Adds the keys whose value is another instance in {@code after}, or in one map only. Both maps are in
     * their keys' natural order (a mesh's are), so one walk through both finds them; where the values are
     * the very same instance, so are the keys (a mesh files each value under a key of its own).
     */
    private static <K extends Comparable<? super K>> void other(SortedMap<K, ?> before, SortedMap<K, ?> after,
            Set<K> changed) {
        Iterator<? extends Map.Entry<K, ?>> was = before.entrySet().iterator();
        Iterator<? extends Map.Entry<K, ?>> is = after.entrySet().iterator();
        Map.Entry<K, ?> a = next(was);
        Map.Entry<K, ?> b = next(is);
        while (a != null && b != null) {
            if (a.getValue() == b.getValue()) {
                a = next(was);
                b = next(is);
                continue;
            }
            int order = a.getKey().compareTo(b.getKey());
            if (order <= 0) {
                changed.add(a.getKey());
                a = next(was);
            }
            if (order >= 0) {
                changed.add(b.getKey());
                b = next(is);
            }
        }
        for (; a != null; a = next(was)) {
            changed.add(a.getKey());
        }
        for (; b != null; b = next(is)) {
            changed.add(b.getKey());
        }
    }

    private static <E> E next(Iterator<? extends E> entries) {
        return entries.hasNext() ? entries.next() : null;
    }
}
