package io.gitmesh.bench;

import io.gitmesh.schema.SourceFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.AddCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * A policy repository as a developer's clone would hold it: a git repository with a working tree on
 * branch {@code main}, written and committed with JGit. The control plane follows it over
 * {@code file://} ({@link #url()}), the way it follows a remote.
 */
final class PolicyGitRepository implements AutoCloseable {
    static final String BRANCH = "main";

    private final Git git;
    private final Path workTree;

    private PolicyGitRepository(Git git) {
        this.git = git;
        this.workTree = git.getRepository().getWorkTree().toPath();
    }

    /** A new repository in {@code directory} whose first commit holds {@code files}. */
    static PolicyGitRepository create(Path directory, List<SourceFile> files) {
        try {
            PolicyGitRepository repository = new PolicyGitRepository(
                    Git.init().setDirectory(directory.toFile()).setInitialBranch(BRANCH).call());
            repository.commit(files, "the generated policy");
            return repository;
        } catch (GitAPIException e) {
            throw new IllegalStateException("cannot create a repository in " + directory, e);
        }
    }

    /** The URL a {@code JGitSource} follows. */
    String url() {
        return workTree.toUri().toString();
    }

    /** Writes {@code files} into the working tree and commits them; returns the commit. */
    RevCommit commit(List<SourceFile> files, String message) {
        try {
            AddCommand add = git.add();
            for (SourceFile file : files) {
                Path path = workTree.resolve(file.path());
                Files.createDirectories(path.getParent());
                Files.write(path, file.content());
                add.addFilepattern(file.path());
            }
            add.call();
            return git.commit().setMessage(message).setAuthor("bench", "bench@example.com")
                    .setCommitter("bench", "bench@example.com").setSign(false).call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException("cannot commit in " + workTree, e);
        }
    }

    @Override
    public void close() {
        git.close();
    }
}
