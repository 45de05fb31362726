package io.gitmesh.model.compile;

import io.gitmesh.model.Mesh;
import io.gitmesh.model.cluster.ClusterState;
import io.gitmesh.schema.PolicySet;
import java.util.Objects;

/**
 * A compiled mesh with what it was compiled from, so that the next revision can be compiled from it
 * ({@link MeshCompiler#compilation(PolicySet, ClusterState, MeshCompilation)}). Immutable.
 */
public final class MeshCompilation {
    private final PolicySet policy;
    private final ClusterState cluster;
    private final RouteGroups groups;
    private final AccessRules access;
    private final CompiledServices services;
    private final Mesh mesh;

    MeshCompilation(PolicySet policy, ClusterState cluster, RouteGroups groups, AccessRules access,
            CompiledServices services, Mesh mesh) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.groups = Objects.requireNonNull(groups, "groups");
        this.access = Objects.requireNonNull(access, "access");
        this.services = Objects.requireNonNull(services, "services");
        this.mesh = Objects.requireNonNull(mesh, "mesh");
    }

    public Mesh mesh() {
        return mesh;
    }

    PolicySet policy() {
        return policy;
    }

    ClusterState cluster() {
        return cluster;
    }

    RouteGroups groups() {
        return groups;
    }

    AccessRules access() {
        return access;
    }

    CompiledServices services() {
        return services;
    }
}
