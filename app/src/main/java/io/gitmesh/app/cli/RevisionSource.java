package io.gitmesh.app.cli;

import io.gitmesh.schema.SourceFiles;

/**
 * Where the policy files of one revision come from: a directory today, a git ref next. The commands
 * that compare or inspect revisions read them only through this.
 */
interface RevisionSource {
    /** How outputs name the revision: the directory as given (a commit id, for a git ref). */
    String name();

    /** The revision's files, with what the source found wrong with them (symlinks, sizes). */
    SourceFiles files();
}
