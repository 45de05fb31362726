package io.gitmesh.app.cli;

import io.gitmesh.schema.Limits;
import io.gitmesh.schema.SourceFiles;
import java.nio.file.Path;

/** A revision as the files in a directory (the working tree). */
record DirectoryRevision(Path dir, Limits limits) implements RevisionSource {
    @Override
    public String name() {
        return dir.toString();
    }

    @Override
    public SourceFiles files() {
        return Inputs.policyDirectory(dir, limits);
    }
}
