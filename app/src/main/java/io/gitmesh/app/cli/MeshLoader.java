package io.gitmesh.app.cli;

import io.gitmesh.model.Mesh;
import io.gitmesh.reconciler.compile.CompiledRevision;
import io.gitmesh.reconciler.compile.RevisionCompiler;
import io.gitmesh.schema.Diagnostic;
import io.gitmesh.schema.Limits;
import io.gitmesh.schema.SourceFiles;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * The meshes of revisions, for the commands that need one (diff, simulate, graph): each revision is
 * checked and compiled with the same cluster state, read once. An invalid revision has no mesh: that
 * is a {@link UserError} naming it, with its errors.
 */
final class MeshLoader {
    private final RevisionCompiler compiler = Compilers.oneShot();
    private final SourceFiles clusterState;

    /** @param clusterState the {@code --cluster-state} file or directory; null when not given */
    MeshLoader(Path clusterState) {
        this.clusterState = Inputs.clusterState(clusterState, Limits.DEFAULT);
    }

    /** @param what how an error names the revision, e.g. {@code the after side (pr/)} */
    Mesh mesh(RevisionSource source, String what) {
        return compiled(source, what).mesh().orElseThrow();
    }

    /** The whole compiled revision (mesh, cluster state, policies), which is valid. */
    CompiledRevision compiled(RevisionSource source, String what) {
        CompiledRevision revision = compiler.compile(source.files(), clusterState);
        if (revision.mesh().isEmpty()) {
            throw new UserError(what + " is invalid (" + DiagnosticsOutput.summary(revision.diagnostics())
                    + "); `gitmesh validate` tells more:" + revision.diagnostics().stream()
                            .filter(Diagnostic::isError).map(d -> System.lineSeparator() + "  " + d.toText())
                            .collect(Collectors.joining()));
        }
        return revision;
    }
}
