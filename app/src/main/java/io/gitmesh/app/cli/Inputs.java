package io.gitmesh.app.cli;

import io.gitmesh.reconciler.files.DirectorySource;
import io.gitmesh.reconciler.git.LocalRepository;
import io.gitmesh.reconciler.source.GitRepositoryConfig;
import io.gitmesh.reconciler.source.GitSourceException;
import io.gitmesh.schema.Limits;
import io.gitmesh.schema.SourceFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reading the directories, repositories and files named on the command line, with errors a user can act on. */
final class Inputs {
    private Inputs() {
    }

    static SourceFiles policyDirectory(Path dir, Limits limits) {
        requireDirectory(dir);
        return read(dir, limits);
    }

    /** The git repository that holds the policy folder {@code dir}, opened in place; the caller closes it. */
    static LocalRepository repository(Path dir) {
        requireDirectory(dir);
        try {
            return LocalRepository.open(dir, Limits.DEFAULT, GitRepositoryConfig.DEFAULT_MAX_TOTAL_BYTES);
        } catch (GitSourceException e) {
            throw new UserError(e.getMessage());
        }
    }

    /** Whether {@code dir} lies in the working tree of a git repository: it or a folder above it has a {@code .git}. */
    static boolean inWorkingTree(Path dir) {
        for (Path folder = dir.toAbsolutePath().normalize(); folder != null; folder = folder.getParent()) {
            if (Files.exists(folder.resolve(".git"))) {
                return true;
            }
        }
        return false;
    }

    /** The cluster-state input: a file or a directory of Kubernetes objects; none when {@code path} is null. */
    static SourceFiles clusterState(Path path, Limits limits) {
        if (path == null) {
            return new SourceFiles(List.of(), List.of());
        }
        if (!Files.exists(path)) {
            throw new UserError("no such cluster-state file or directory: " + path);
        }
        return read(path, limits);
    }

    private static void requireDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new UserError(Files.exists(dir) ? dir + " is not a directory" : "no such directory: " + dir);
        }
    }

    private static SourceFiles read(Path path, Limits limits) {
        try {
            return new DirectorySource(limits).read(path);
        } catch (IOException e) {
            throw new UserError("cannot read " + path + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
    }
}
