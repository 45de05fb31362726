package io.gitmesh.model.compile;

import io.gitmesh.model.HeaderCondition;
import io.gitmesh.model.RouteMatch;
import io.gitmesh.schema.policy.HttpMatch;
import io.gitmesh.schema.policy.HttpRouteGroup;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** The HTTPRouteGroups of the policy, by namespace and name, with their matches as the mesh applies them. */
final class RouteGroups {
    static final RouteGroups NONE = new RouteGroups(List.of());

    private final Map<String, List<RouteMatch>> matchesByGroup = new HashMap<>();
    private final Map<HttpRouteGroup, List<RouteMatch>> matchesByDocument = new IdentityHashMap<>();

    RouteGroups(List<HttpRouteGroup> groups) {
        this(groups, NONE);
    }

    /** The groups, taking over the matches of those that are the very documents {@code previous} had. */
    RouteGroups(List<HttpRouteGroup> groups, RouteGroups previous) {
        for (HttpRouteGroup group : groups) {
            List<RouteMatch> matches = previous.matchesByDocument.get(group);
            if (matches == null) {
                matches = group.matches().stream().filter(RouteGroups::isWellFormed)
                        .map(m -> toRouteMatch(keyOf(group), m)).toList();
            }
            matchesByDocument.put(group, matches);
            matchesByGroup.putIfAbsent(keyOf(group), matches);
        }
    }

    /**
     * The matches of group {@code namespace/name} that {@code names} selects (every match when
     * {@code names} is empty); names the group lacks, and a group that does not exist, add nothing.
     */
    List<RouteMatch> matches(String namespace, String name, List<String> names) {
        List<RouteMatch> all = matchesByGroup.getOrDefault(namespace + "/" + name, List.of());
        return names.isEmpty() ? all : all.stream().filter(m -> names.contains(m.name())).toList();
    }

    private static String keyOf(HttpRouteGroup group) {
        return group.meta().namespace() + "/" + group.meta().name();
    }

    /**
     * Validation rejects a match without a name or with an unnamed header; should one get here, it
     * is left out (allowing less, never more).
     */
    private static boolean isWellFormed(HttpMatch match) {
        return !match.name().isEmpty() && match.headers().stream().noneMatch(h -> h.name().isEmpty());
    }

    private static RouteMatch toRouteMatch(String group, HttpMatch match) {
        return new RouteMatch(group, match.name(),
                match.pathRegex() == null || match.pathRegex().isEmpty() ? RouteMatch.ANY_PATH : match.pathRegex(),
                match.anyMethod() ? List.of() : match.methods(),
                match.headers().stream().map(h -> new HeaderCondition(h.name(), h.valueRegex())).toList());
    }
}
