package io.gitmesh.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * What a source may send to one service port: everything (an L4 rule, a TCP or UDP port, or
 * permissive mode), or only the HTTP requests that match one of a set of route matches.
 */
public sealed interface Permission permits Permission.All, Permission.Routes {
    Permission ALL = new All();

    /** Only requests matching one of the matches; at least one match. */
    static Permission routes(Collection<RouteMatch> matches) {
        return new Routes(List.copyOf(matches));
    }

    /** What either permission allows. */
    default Permission union(Permission other) {
        return switch (this) {
            case All all -> all;
            case Routes mine -> switch (other) {
                case All all -> all;
                case Routes theirs -> {
                    List<RouteMatch> both = new ArrayList<>(mine.matches());
                    both.addAll(theirs.matches());
                    yield new Routes(both);
                }
            };
        };
    }

    /** Every request, or the whole connection on an L4 port. */
    record All() implements Permission {
    }

    /** The HTTP requests matching any of {@code matches} (sorted, distinct, not empty). */
    record Routes(List<RouteMatch> matches) implements Permission {
        public Routes {
            matches = Values.sortedSet(matches);
            if (matches.isEmpty()) {
                throw new IllegalArgumentException("a route permission needs at least one match");
            }
        }
    }
}
