package io.gitmesh.reconciler.git;

import io.gitmesh.reconciler.source.Commit;
import io.gitmesh.reconciler.source.CommitId;
import io.gitmesh.reconciler.source.GitSourceException;
import io.gitmesh.reconciler.source.PathChange;
import io.gitmesh.reconciler.source.PolicyPaths;
import io.gitmesh.schema.SourceFiles;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/** Reads commits of one local repository: their policy files and what changed between two. */
final class RepositoryReader {
    private final Repository repository;
    private final CommitTreeReader trees;
    private final String name;

    /** @param name the repository as people know it (its URL or directory), for messages */
    RepositoryReader(Repository repository, CommitTreeReader trees, String name) {
        this.repository = repository;
        this.trees = trees;
        this.name = name;
    }

    SourceFiles files(CommitId id, PolicyPaths paths) throws GitSourceException {
        try (RevWalk walk = new RevWalk(repository)) {
            return trees.read(walk.getObjectReader(), commit(walk, id), paths);
        } catch (IOException e) {
            throw readFailure(e);
        }
    }

    List<PathChange> changedPaths(CommitId from, CommitId to, PolicyPaths paths) throws GitSourceException {
        try (RevWalk walk = new RevWalk(repository)) {
            return PathChanges.between(repository, commit(walk, from), commit(walk, to), paths);
        } catch (IOException e) {
            throw readFailure(e);
        }
    }

    RevCommit commit(RevWalk walk, CommitId id) throws GitSourceException, IOException {
        try {
            return walk.parseCommit(ObjectId.fromString(id.hex()));
        } catch (MissingObjectException | IncorrectObjectTypeException e) {
            throw GitSourceException.userMustFix("commit " + id.abbreviated() + " is not in " + name);
        }
    }

    GitSourceException readFailure(IOException e) {
        return GitSourceException.transientFailure("cannot read the local copy of " + name + " ("
                + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
    }

    static Commit commitOf(RevCommit commit) {
        PersonIdent author = commit.getAuthorIdent();
        return new Commit(new CommitId(commit.name()), author.getName() + " <" + author.getEmailAddress() + ">",
                Instant.ofEpochSecond(commit.getCommitTime()), commit.getShortMessage());
    }
}
