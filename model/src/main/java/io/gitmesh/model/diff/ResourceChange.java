package io.gitmesh.model.diff;

import io.gitmesh.model.Values;
import java.util.Objects;

/**
 * A resource of the mesh that is added, removed or modified. Resources are named {@code Kind name},
 * by what they apply to (see {@link Planner} for the kinds).
 *
 * @param resource e.g. {@code TrafficSplit bookstore/bookstore:14001}
 */
public record ResourceChange(String resource, Change change) {
    public ResourceChange {
        Values.requireText(resource, "resource");
        Objects.requireNonNull(change, "change");
    }

    static ResourceChange of(String kind, Object name, Change change) {
        return new ResourceChange(kind + " " + name, change);
    }
}
