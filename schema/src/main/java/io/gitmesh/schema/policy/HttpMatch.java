package io.gitmesh.schema.policy;

import java.util.List;
import java.util.Objects;

/**
 * A named HTTP match of an HTTPRouteGroup. A request matches when the path matches
 * {@code pathRegex} (null = any path), the method is in {@code methods} (empty or {@code *} = any),
 * and every header condition holds.
 */
public record HttpMatch(String name, String pathRegex, List<String> methods, List<HeaderMatch> headers,
        String pointer) {
    public HttpMatch {
        Objects.requireNonNull(name, "name");
        methods = List.copyOf(methods);
        headers = List.copyOf(headers);
        Objects.requireNonNull(pointer, "pointer");
    }

    public boolean anyMethod() {
        return methods.isEmpty() || methods.contains("*");
    }
}
