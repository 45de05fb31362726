package io.gitmesh.app.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * The demo's policy repository: a fresh git repository holding a copy of sample-repo/, whose history
 * the demo writes as a user would — edits committed one by one, then {@code git revert}. A real
 * repository the user can inspect with git while the demo runs.
 */
final class DemoRepository implements AutoCloseable {
    static final String BRANCH = "main";
    private static final PersonIdent AUTHOR = new PersonIdent("gitmesh demo", "demo@gitmesh.invalid");

    private final Git git;
    private final Path root;
    private final RevCommit first;

    private DemoRepository(Git git, Path root, RevCommit first) {
        this.git = git;
        this.root = root;
        this.first = first;
    }

    /** A repository in {@code root} (created) whose first commit is a copy of {@code sample}'s files. */
    static DemoRepository create(Path sample, Path root, String subject) {
        try {
            copy(sample, root);
            Git git = Git.init().setDirectory(root.toFile()).setInitialBranch(BRANCH).call();
            git.add().addFilepattern(".").call();
            RevCommit first = commit(git, subject);
            return new DemoRepository(git, root, first);
        } catch (GitAPIException e) {
            throw new IllegalStateException("cannot create the demo repository in " + root + ": " + e.getMessage(), e);
        }
    }

    Path root() {
        return root;
    }

    RevCommit first() {
        return first;
    }

    /** Makes the edits and commits them with {@code subject}. */
    RevCommit commit(String subject, List<TextEdit> edits) {
        try {
            for (TextEdit edit : edits) {
                Path file = root.resolve(edit.file());
                Files.writeString(file, edit.applyTo(Files.readString(file, StandardCharsets.UTF_8)),
                        StandardCharsets.UTF_8);
                git.add().addFilepattern(edit.file()).call();
            }
            return commit(git, subject);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException("cannot commit \"" + subject + "\": " + e.getMessage(), e);
        }
    }

    /** {@code git revert} of every commit after the first, newest first, one revert commit each; the last one. */
    RevCommit revertAllButFirst() {
        try {
            List<RevCommit> newestFirst = new ArrayList<>();
            git.log().addRange(first, git.getRepository().resolve(BRANCH)).call().forEach(newestFirst::add);
            RevCommit head = first;
            for (RevCommit commit : newestFirst) {
                head = git.revert().include(commit).call();
                if (head == null) {
                    throw new IllegalStateException("git revert of " + commit.abbreviate(7).name() + " conflicts");
                }
            }
            return head;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException("git revert failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        git.close();
    }

    private static RevCommit commit(Git git, String subject) throws GitAPIException {
        return git.commit().setMessage(subject).setAuthor(AUTHOR).setCommitter(AUTHOR).setSign(false).call();
    }

    /** Copies the regular files below {@code from} (no symbolic links, no {@code .git}) to {@code to}. */
    private static void copy(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)).toList()) {
                Path relative = from.relativize(file);
                if (relative.startsWith(".git")) {
                    continue;
                }
                Path target = to.resolve(relative.toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + from + " to " + to + ": " + e.getMessage(), e);
        }
    }
}
