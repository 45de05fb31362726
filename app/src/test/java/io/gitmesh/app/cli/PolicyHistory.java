package io.gitmesh.app.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * A git repository in a test's temporary directory whose history the test scripts: sample-repo/
 * copied in as the policy folder {@code sample-repo/} (so paths are relative to a folder below the
 * root, as in a real repository), then edited and committed as pull requests would.
 */
final class PolicyHistory implements AutoCloseable {
    private static final PersonIdent AUTHOR = new PersonIdent("Policy Author", "author@example.com");

    private final Git git;
    private final Path root;

    private PolicyHistory(Git git, Path root) {
        this.git = git;
        this.root = root;
    }

    /** A repository at {@code parent/repo} with sample-repo in its working tree, nothing committed yet. */
    static PolicyHistory ofSampleRepo(Path parent) {
        Path root = parent.resolve("repo");
        SharedData.copyInto(SampleRepo.PATH, root);
        try {
            Git git = Git.init().setDirectory(root.toFile()).setInitialBranch("main").call();
            StoredConfig config = git.getRepository().getConfig();
            config.setBoolean("commit", null, "gpgSign", false);
            config.save();
            return new PolicyHistory(git, root);
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The policy folder: DIR on the command line. */
    Path dir() {
        return root.resolve(SampleRepo.PATH.getFileName());
    }

    Path root() {
        return root;
    }

    /** Replaces {@code from} (which must occur) with {@code to} in the policy folder's {@code file}. */
    PolicyHistory edit(String file, String from, String to) {
        SampleRepo.edit(dir(), file, from, to);
        return this;
    }

    /** Writes {@code text} to {@code file}, relative to the repository root. */
    PolicyHistory write(String file, String text) {
        try {
            Path path = root.resolve(file);
            Files.createDirectories(path.getParent());
            Files.writeString(path, text);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes {@code file} of the policy folder from the working tree (as {@code rm} would). */
    PolicyHistory delete(String file) {
        try {
            Files.delete(dir().resolve(file));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Commits every change of the working tree (new, modified and deleted files); the full commit id. */
    String commit(String message) {
        try {
            git.add().addFilepattern(".").call();
            git.add().setUpdate(true).addFilepattern(".").call();
            return git.commit().setMessage(message).setAuthor(AUTHOR).setCommitter(AUTHOR).setSign(false).call()
                    .name();
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code git revert}: a new commit that undoes {@code commit}; its full id. */
    String revert(String commit) {
        try {
            RevCommit reverted = git.revert().include(ObjectId.fromString(commit)).call();
            return reverted.name();
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first seven digits of a commit id, as outputs for people show it. */
    static String abbreviated(String id) {
        return id.substring(0, 7);
    }

    @Override
    public void close() {
        git.close();
    }
}
