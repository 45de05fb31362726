package io.gitmesh.model.diff;

import io.gitmesh.model.Identity;
import java.util.Objects;

/**
 * Whom an access entry is about: one identity (SMI mode, where TrafficTargets name their sources),
 * or any identity (permissive mode, where the mesh lets every caller reach every port, including
 * identities the cluster state does not know yet). Written {@code namespace/serviceAccount} or
 * {@code *}; any identity sorts first.
 */
public sealed interface AccessSource extends Comparable<AccessSource>
        permits AccessSource.AnyIdentity, AccessSource.OneIdentity {
    AccessSource ANY_IDENTITY = new AnyIdentity();

    static AccessSource of(Identity identity) {
        return new OneIdentity(identity);
    }

    @Override
    default int compareTo(AccessSource o) {
        return switch (this) {
            case AnyIdentity any -> o instanceof AnyIdentity ? 0 : -1;
            case OneIdentity one -> switch (o) {
                case AnyIdentity any -> 1;
                case OneIdentity other -> one.identity().compareTo(other.identity());
            };
        };
    }

    /** Every identity of the mesh, known or not: {@code *}. */
    record AnyIdentity() implements AccessSource {
        @Override
        public String toString() {
            return "*";
        }
    }

    record OneIdentity(Identity identity) implements AccessSource {
        public OneIdentity {
            Objects.requireNonNull(identity, "identity");
        }

        @Override
        public String toString() {
            return identity.toString();
        }
    }
}
