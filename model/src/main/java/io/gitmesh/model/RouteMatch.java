package io.gitmesh.model;

import java.util.Comparator;
import java.util.List;

/**
 * A named HTTP match of an HTTPRouteGroup, as the mesh applies it. A request matches when its path
 * matches {@code pathRegex} (RE2, the whole path), its method is one of {@code methods} (empty =
 * any method) and every header condition holds.
 *
 * @param group   the HTTPRouteGroup, {@code namespace/name}
 * @param name    the match's name in the group
 * @param methods sorted; empty when any method is allowed ({@code *} in SMI)
 */
public record RouteMatch(String group, String name, String pathRegex, List<String> methods,
        List<HeaderCondition> headers) implements Comparable<RouteMatch> {
    /** The path regex of a match written without one. */
    public static final String ANY_PATH = ".*";

    private static final Comparator<RouteMatch> ORDER = Comparator.comparing(RouteMatch::group)
            .thenComparing(RouteMatch::name)
            .thenComparing(RouteMatch::pathRegex)
            .thenComparing(RouteMatch::methods, Values.lexicographic())
            .thenComparing(RouteMatch::headers, Values.lexicographic());

    public RouteMatch {
        Values.requireText(group, "group");
        Values.requireText(name, "name");
        Values.requireText(pathRegex, "pathRegex");
        methods = methods.contains("*") ? List.of() : Values.sortedSet(methods);
        headers = Values.sortedSet(headers);
    }

    public boolean anyPath() {
        return pathRegex.equals(ANY_PATH);
    }

    public boolean anyMethod() {
        return methods.isEmpty();
    }

    @Override
    public int compareTo(RouteMatch o) {
        return ORDER.compare(this, o);
    }
}
