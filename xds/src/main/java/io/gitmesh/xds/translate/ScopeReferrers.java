package io.gitmesh.xds.translate;

import io.gitmesh.model.Identity;
import io.gitmesh.model.ServiceRef;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.pcollections.HashTreePMap;
import org.pcollections.HashTreePSet;
import org.pcollections.PMap;
import org.pcollections.PSet;

/**
 * For each Service, the identities whose groups' scopes name it ({@link ProxyScope#namedServices()}):
 * the groups a changed Service can change. Immutable and persistent: an edit copies only the sets it touches.
 */
final class ScopeReferrers {
    static final ScopeReferrers NONE = new ScopeReferrers(HashTreePMap.empty());

    private final PMap<ServiceRef, PSet<Identity>> referrers;

    private ScopeReferrers(PMap<ServiceRef, PSet<Identity>> referrers) {
        this.referrers = referrers;
    }

    /** The identities whose scopes name the Service. */
    Set<Identity> of(ServiceRef service) {
        return referrers.getOrDefault(service, HashTreePSet.empty());
    }

    Editor edit() {
        return new Editor();
    }

    /** Changes to the sets of some Services, each copied when first touched. */
    final class Editor {
        private final Map<ServiceRef, Set<Identity>> touched = new HashMap<>();

        /** The identity's groups were these (their scopes' Services no longer count)... */
        void remove(Identity identity, Collection<GroupTranslation> translations) {
            translations.forEach(t -> t.scope().namedServices().forEach(s -> set(s).remove(identity)));
        }

        /** ...and are these. */
        void add(Identity identity, Collection<GroupTranslation> translations) {
            translations.forEach(t -> t.scope().namedServices().forEach(s -> set(s).add(identity)));
        }

        private Set<Identity> set(ServiceRef service) {
            return touched.computeIfAbsent(service, s -> new HashSet<>(of(s)));
        }

        ScopeReferrers done() {
            PMap<ServiceRef, PSet<Identity>> next = referrers;
            for (Map.Entry<ServiceRef, Set<Identity>> entry : touched.entrySet()) {
                next = entry.getValue().isEmpty() ? next.minus(entry.getKey())
                        : next.plus(entry.getKey(), HashTreePSet.from(entry.getValue()));
            }
            return new ScopeReferrers(next);
        }
    }
}
