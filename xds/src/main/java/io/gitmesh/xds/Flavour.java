package io.gitmesh.xds;

import java.util.Arrays;
import java.util.Optional;

/** The kind of xDS client a workload runs (DESIGN.md §5): an Envoy sidecar or a proxyless gRPC application. */
public enum Flavour {
    ENVOY("envoy"),
    GRPC("grpc");

    private final String wireName;

    Flavour(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in node metadata and in snapshot group ids: {@code envoy} or {@code grpc}. */
    public String wireName() {
        return wireName;
    }

    /** The flavour whose {@link #wireName()} is exactly {@code name}, if any. */
    public static Optional<Flavour> fromWireName(String name) {
        return Arrays.stream(values()).filter(f -> f.wireName.equals(name)).findFirst();
    }
}
