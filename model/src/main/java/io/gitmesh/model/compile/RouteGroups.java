package io.gitmesh.model.compile;

import io.gitmesh.model.HeaderCondition;
import io.gitmesh.model.RouteMatch;
import io.gitmesh.schema.ResourceKey;
import io.gitmesh.schema.policy.HttpMatch;
import io.gitmesh.schema.policy.HttpRouteGroup;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.pcollections.HashTreePMap;
import org.pcollections.PMap;

/**
 * The HTTPRouteGroups of the policy, by namespace and name, with their matches as the mesh applies
 * them. Immutable and persistent: {@link #with} resolves only the groups that changed.
 */
final class RouteGroups {
    private final PMap<String, List<RouteMatch>> matchesByGroup;

    private RouteGroups(PMap<String, List<RouteMatch>> matchesByGroup) {
        this.matchesByGroup = matchesByGroup;
    }

    /** The groups (in key order: of two with one key, the first counts). */
    static RouteGroups of(List<HttpRouteGroup> groups) {
        PMap<String, List<RouteMatch>> matches = HashTreePMap.empty();
        for (HttpRouteGroup group : groups) {
            if (!matches.containsKey(keyOf(group))) {
                matches = matches.plus(keyOf(group), matchesOf(group));
            }
        }
        return new RouteGroups(matches);
    }

    /**
     * These groups with those whose keys are among {@code changed} (routes of any kind) resolved again
     * from {@code groups}, the policy's groups in key order: added, replaced or gone.
     */
    RouteGroups with(Set<ResourceKey> changed, List<HttpRouteGroup> groups) {
        PMap<String, List<RouteMatch>> matches = matchesByGroup;
        for (ResourceKey key : changed) {
            if (key.kind().equals(HttpRouteGroup.KIND)) {
                Optional<HttpRouteGroup> group = PolicyLookup.named(groups, key.namespace(), key.name());
                String name = key.namespace() + "/" + key.name();
                matches = group.isPresent() ? matches.plus(name, matchesOf(group.get())) : matches.minus(name);
            }
        }
        return new RouteGroups(matches);
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

    private static List<RouteMatch> matchesOf(HttpRouteGroup group) {
        return group.matches().stream().filter(RouteGroups::isWellFormed)
                .map(m -> toRouteMatch(keyOf(group), m)).toList();
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
