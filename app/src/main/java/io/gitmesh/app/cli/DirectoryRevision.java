package io.gitmesh.app.cli;

import io.gitmesh.schema.Limits;
import io.gitmesh.schema.SourceFiles;
import java.nio.file.Path;

/** A revision as the files in a directory outside any git repository. */
record DirectoryRevision(Path dir, Limits limits) implements RevisionSource {
    @Override
    public String label() {
        return dir.toString();
    }

    @Override
    public SourceFiles files() {
        return Inputs.policyDirectory(dir, limits);
    }
}
