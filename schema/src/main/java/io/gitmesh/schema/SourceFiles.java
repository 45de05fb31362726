package io.gitmesh.schema;

import java.util.Comparator;
import java.util.List;

/**
 * The policy files of one revision as a source found them (a directory, a git tree), with what the
 * source itself had to say: symlinks not followed, files over the size limit, unreadable files.
 */
public record SourceFiles(List<SourceFile> files, List<Diagnostic> diagnostics) {
    public SourceFiles {
        files = files.stream().sorted(Comparator.comparing(SourceFile::path)).toList();
        diagnostics = diagnostics.stream().sorted().toList();
    }
}
