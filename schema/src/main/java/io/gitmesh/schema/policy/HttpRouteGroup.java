package io.gitmesh.schema.policy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** specs.smi-spec.io HTTPRouteGroup (v1alpha1–v1alpha4), headers in either written form. */
public record HttpRouteGroup(Meta meta, List<HttpMatch> matches) implements PolicyDocument {
    public static final String KIND = "HTTPRouteGroup";

    public HttpRouteGroup {
        Objects.requireNonNull(meta, "meta");
        matches = List.copyOf(matches);
    }

    @Override
    public String kind() {
        return KIND;
    }

    public Optional<HttpMatch> match(String name) {
        for (HttpMatch match : matches) {
            if (match.name().equals(name)) {
                return Optional.of(match);
            }
        }
        return Optional.empty();
    }
}
