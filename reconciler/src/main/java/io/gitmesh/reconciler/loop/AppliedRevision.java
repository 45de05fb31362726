package io.gitmesh.reconciler.loop;

import io.gitmesh.model.Mesh;
import io.gitmesh.reconciler.compile.CompiledRevision;
import io.gitmesh.reconciler.source.Commit;
import java.util.Objects;

/** A commit that passed every check, with the mesh compiled from it and the cluster state. */
public record AppliedRevision(Commit commit, Mesh mesh, CompiledRevision compiled) {
    public AppliedRevision {
        Objects.requireNonNull(commit, "commit");
        Objects.requireNonNull(mesh, "mesh");
        Objects.requireNonNull(compiled, "compiled");
    }
}
