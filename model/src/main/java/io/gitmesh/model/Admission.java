package io.gitmesh.model;

import java.util.Optional;
import java.util.SortedMap;

/** Which sources a served port admits, and what each may send. */
public sealed interface Admission permits Admission.AnySource, Admission.Sources {
    Admission ANY_SOURCE = new AnySource();

    /** What {@code source} may send to the port; empty when it is not admitted. */
    Optional<Permission> permission(Identity source);

    /** Permissive mode: any mesh identity, any request. */
    record AnySource() implements Admission {
        @Override
        public Optional<Permission> permission(Identity source) {
            return Optional.of(Permission.ALL);
        }
    }

    /** SMI mode: exactly these sources (none: the port admits nobody). */
    record Sources(SortedMap<Identity, Permission> allowed) implements Admission {
        public Sources {
            allowed = Values.sortedMap(allowed);
        }

        @Override
        public Optional<Permission> permission(Identity source) {
            return Optional.ofNullable(allowed.get(source));
        }
    }
}
