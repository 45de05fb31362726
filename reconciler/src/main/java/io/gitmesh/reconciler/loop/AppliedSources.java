package io.gitmesh.reconciler.loop;

import io.gitmesh.schema.SourceFiles;
import java.util.Objects;

/**
 * An applied revision with the files it was read from. The files are here because the compiled
 * revision keeps the normalised documents, not the trees the user wrote, and the cluster mirror
 * writes the trees as written.
 */
public record AppliedSources(AppliedRevision revision, SourceFiles files) {
    public AppliedSources {
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(files, "files");
    }
}
