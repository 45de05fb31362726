package io.gitmesh.app.cli;

import io.gitmesh.model.Mesh;
import io.gitmesh.reconciler.compile.CompiledRevision;
import io.gitmesh.reconciler.git.LocalRepository;
import io.gitmesh.schema.Limits;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code [DIR] [--ref REF]}: the revision read by the commands that look at one (simulate, graph, render). */
final class RevisionOptions {
    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", defaultValue = ".",
            description = "Policy folder (default: the current directory): a plain directory, or a folder inside "
                    + "a git repository.")
    Path dir;

    @Option(names = "--ref", paramLabel = "REF",
            description = "Read this git revision of DIR: a branch, tag, commit id, HEAD~1... (default: DIR as it "
                    + "is; in a git repository, its working tree with uncommitted edits).")
    String ref;

    /**
     * The mesh of {@code --ref}'s commit; without it, of DIR as it is: the working tree when DIR is in
     * a git repository (files git ignores left out), the plain directory otherwise.
     */
    Mesh mesh(MeshLoader loader) {
        return compiled(loader).mesh().orElseThrow();
    }

    /** The whole compiled revision (see {@link #mesh}). */
    CompiledRevision compiled(MeshLoader loader) {
        if (ref == null && !Inputs.inWorkingTree(dir)) {
            DirectoryRevision directory = new DirectoryRevision(dir, Limits.DEFAULT);
            return loader.compiled(directory, directory.label());
        }
        try (LocalRepository repository = Inputs.repository(dir)) {
            GitRevision revision = ref == null ? GitRevision.workingTree(repository)
                    : GitRevision.commit(repository, "--ref", ref);
            return loader.compiled(revision, revision.side("--ref"));
        }
    }
}
