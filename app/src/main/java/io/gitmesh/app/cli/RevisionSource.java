package io.gitmesh.app.cli;

import io.gitmesh.schema.SourceFiles;

/**
 * Where the policy files of one revision come from: a commit or the working tree of a git
 * repository ({@link GitRevision}), or a plain directory ({@link DirectoryRevision}). The commands
 * that compare or inspect revisions read them only through this.
 */
interface RevisionSource {
    /** How people read the revision: the directory as given, {@code HEAD~1 (ab12cd3)}, {@code the working tree}. */
    String label();

    /** The revision's files, paths relative to the policy folder, with what the source found wrong with them. */
    SourceFiles files();
}
