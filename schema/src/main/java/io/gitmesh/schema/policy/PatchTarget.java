package io.gitmesh.schema.policy;

import java.util.Objects;
import java.util.Optional;

/**
 * The objects one patch changes: of one type, picked by exact name, by {@link TargetMatch}, or all of
 * them (neither given) within the workload's generated config. An {@code add} picks none: it names
 * the object it creates in its value.
 *
 * @param name   the exact name, or empty
 * @param match  conditions on the objects ({@link TargetMatch#ANY} when none are written)
 * @param parent for a virtual host, the route configuration it is in; for an HTTP filter, the
 *               listener it is in (exact names); empty for any
 */
public record PatchTarget(TargetType type, Optional<String> name, TargetMatch match, Optional<String> parent) {
    public PatchTarget {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(match, "match");
        Objects.requireNonNull(parent, "parent");
        if (name.isPresent() && !match.isAny()) {
            throw new IllegalArgumentException("a target is picked by name or by match, not both");
        }
        if (parent.isPresent() && type.parent().isEmpty()) {
            throw new IllegalArgumentException(type.word() + " is a top-level resource; it has no parent");
        }
    }
}
