package io.gitmesh.reconciler.compile;

import io.gitmesh.model.Mesh;
import io.gitmesh.model.cluster.ClusterState;
import io.gitmesh.schema.CheckedPolicy;
import io.gitmesh.schema.Diagnostic;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A revision read, checked and, when valid, compiled. Diagnostics include those of the sources
 * (symlinks, size limits) and of the cluster-state input.
 *
 * @param mesh present exactly when the revision has no error: an invalid revision is never compiled
 */
public record CompiledRevision(CheckedPolicy checked, ClusterState cluster, Optional<Mesh> mesh,
        List<Diagnostic> diagnostics) {
    public CompiledRevision {
        Objects.requireNonNull(checked, "checked");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(mesh, "mesh");
        diagnostics = diagnostics.stream().sorted().distinct().toList();
        if (mesh.isPresent() == diagnostics.stream().anyMatch(Diagnostic::isError)) {
            throw new IllegalArgumentException("a mesh exists exactly for a revision without errors");
        }
    }

    public boolean valid() {
        return diagnostics.stream().noneMatch(Diagnostic::isError);
    }
}
