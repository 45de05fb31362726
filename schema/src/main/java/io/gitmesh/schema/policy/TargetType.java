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

    /**
     * The YAML field that names what this type lives in ({@code routeConfiguration} for a virtual
     * host, {@code listener} for an HTTP filter), or empty for a top-level resource.
     */
    public Optional<String> parentField() {
        return switch (this) {
            case VIRTUAL_HOST -> Optional.of("routeConfiguration");
            case HTTP_FILTER -> Optional.of("listener");
            case LISTENER, CLUSTER, ROUTE_CONFIGURATION -> Optional.empty();
        };
    }

    public static Optional<TargetType> fromWord(String word) {
        return Arrays.stream(values()).filter(t -> t.word.equals(word)).findFirst();
    }

    public static List<String> words() {
        return Arrays.stream(values()).map(TargetType::word).toList();
    }
}
