package io.gitmesh.schema.policy;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The kind of Envoy object an {@link EnvoyOverride} patch changes. Listeners, clusters and route
 * configurations are xDS resources; a virtual host lives in a route configuration and an HTTP filter
 * in the HTTP connection managers of a listener.
 */
public enum TargetType {
    LISTENER("Listener"),
    CLUSTER("Cluster"),
    ROUTE_CONFIGURATION("RouteConfiguration"),
    VIRTUAL_HOST("VirtualHost"),
    HTTP_FILTER("HttpFilter");

    private final String word;

    TargetType(String word) {
        this.word = word;
    }

    /** The name written in YAML ({@code RouteConfiguration}). */
    public String word() {
        return word;
    }

    /** What a virtual host (a route configuration) or an HTTP filter (a listener) lives in; empty for a resource. */
    public Optional<TargetType> parent() {
        return switch (this) {
            case VIRTUAL_HOST -> Optional.of(ROUTE_CONFIGURATION);
            case HTTP_FILTER -> Optional.of(LISTENER);
            case LISTENER, CLUSTER, ROUTE_CONFIGURATION -> Optional.empty();
        };
    }

    /** The YAML field of a target that names its parent ({@code routeConfiguration}, {@code listener}). */
    public Optional<String> parentField() {
        return parent().map(p -> Character.toLowerCase(p.word.charAt(0)) + p.word.substring(1));
    }

    public static Optional<TargetType> fromWord(String word) {
        return Arrays.stream(values()).filter(t -> t.word.equals(word)).findFirst();
    }

    public static List<String> words() {
        return Arrays.stream(values()).map(TargetType::word).toList();
    }
}
