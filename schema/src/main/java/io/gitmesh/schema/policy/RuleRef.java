package io.gitmesh.schema.policy;

import java.util.List;
import java.util.Objects;

/**
 * A TrafficTarget rule: a route (in the TrafficTarget's namespace) and, for HTTPRouteGroups, the
 * names of the matches it allows (empty = every match of the group).
 */
public record RuleRef(RouteKind kind, String name, List<String> matches, String pointer) {
    public RuleRef {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        matches = List.copyOf(matches);
        Objects.requireNonNull(pointer, "pointer");
    }
}
