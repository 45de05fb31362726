package io.gitmesh.schema.policy;

import java.time.Duration;
import java.util.Objects;

/**
 * Mesh-wide settings: {@code gitmesh.io/v1alpha1 MeshConfig}, or OSM's
 * {@code config.openservicemesh.io MeshConfig} mapped onto the fields gitmesh supports.
 *
 * @param trustDomain       SPIFFE trust domain of every identity
 * @param permissive        true: every identity may reach every service; false: SMI mode (deny by default)
 * @param workloadLifetime  lifetime of workload certificates
 * @param sidecar           sidecar settings (the injector's)
 */
public record MeshConfig(Meta meta, String trustDomain, boolean permissive, Duration workloadLifetime,
        SidecarSettings sidecar) implements PolicyDocument {
    public static final String KIND = "MeshConfig";
    public static final String DEFAULT_TRUST_DOMAIN = "cluster.local";
    public static final Duration DEFAULT_WORKLOAD_LIFETIME = Duration.ofHours(24);

    public MeshConfig {
        Objects.requireNonNull(meta, "meta");
        Objects.requireNonNull(trustDomain, "trustDomain");
        Objects.requireNonNull(workloadLifetime, "workloadLifetime");
        Objects.requireNonNull(sidecar, "sidecar");
    }

    /** The settings of a repository without a MeshConfig. */
    public static MeshConfig defaults() {
        return new MeshConfig(Meta.of("mesh", "", Origin.synthetic("", "gitmesh.io/v1alpha1")),
                DEFAULT_TRUST_DOMAIN, false, DEFAULT_WORKLOAD_LIFETIME, SidecarSettings.defaults());
    }

    @Override
    public String kind() {
        return KIND;
    }
}
