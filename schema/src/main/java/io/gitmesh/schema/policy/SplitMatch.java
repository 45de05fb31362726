package io.gitmesh.schema.policy;

import java.util.Objects;

/** A TrafficSplit v1alpha3/v1alpha4 match: an HTTPRouteGroup in the split's namespace. */
public record SplitMatch(String kind, String name, String pointer) {
    public SplitMatch {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pointer, "pointer");
    }
}
