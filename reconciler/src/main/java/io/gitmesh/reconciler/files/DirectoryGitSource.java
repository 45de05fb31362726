package io.gitmesh.reconciler.files;

import io.gitmesh.reconciler.source.Ancestry;
import io.gitmesh.reconciler.source.Commit;
import io.gitmesh.reconciler.source.CommitId;
import io.gitmesh.reconciler.source.GitSource;
import io.gitmesh.reconciler.source.GitSourceException;
import io.gitmesh.reconciler.source.PathChange;
import io.gitmesh.reconciler.source.PolicyPaths;
import io.gitmesh.reconciler.source.ResolvedCommit;
import io.gitmesh.schema.SourceFile;
import io.gitmesh.schema.SourceFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * A plain directory (no git) followed like a repository, for local development and the demo: each
 * distinct content of the policy files is a revision whose id is a hash of that content, so an
 * unchanged directory is an unchanged revision and an edit is a new one.
 */
public final class DirectoryGitSource implements GitSource {
    private final Path directory;
    private final DirectorySource reader;
    private final Clock clock;
    private SourceFiles current;
    private CommitId currentId;

    public DirectoryGitSource(Path directory, DirectorySource reader, Clock clock) {
        this.directory = directory;
        this.reader = reader;
        this.clock = clock;
    }

    @Override
    public synchronized ResolvedCommit resolve(Optional<CommitId> lastApplied) throws GitSourceException {
        SourceFiles files;
        try {
            files = reader.read(directory);
        } catch (IOException e) {
            throw GitSourceException.transientFailure("cannot read directory " + directory + ": "
                    + e.getClass().getSimpleName());
        }
        current = files;
        currentId = idOf(files);
        Ancestry ancestry = lastApplied.isEmpty() ? Ancestry.NO_PREVIOUS
                : lastApplied.get().equals(currentId) ? Ancestry.SAME : Ancestry.DESCENDANT;
        return new ResolvedCommit(new Commit(currentId, "local directory", clock.instant(),
                "contents of " + directory), ancestry, Optional.empty());
    }

    @Override
    public synchronized SourceFiles files(CommitId commit, PolicyPaths paths) throws GitSourceException {
        if (!commit.equals(currentId)) {
            throw GitSourceException.transientFailure("the directory changed while it was being read; retrying");
        }
        List<SourceFile> selected = current.files().stream().filter(f -> paths.includes(f.path())).toList();
        return new SourceFiles(selected, current.diagnostics());
    }

    @Override
    public List<PathChange> changedPaths(CommitId from, CommitId to, PolicyPaths paths) throws GitSourceException {
        throw GitSourceException.userMustFix("a plain directory keeps no history; read the whole revision");
    }

    /** A 40-digit id from the paths and contents of the files (SHA-1, as git's ids are). */
    static CommitId idOf(SourceFiles files) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            for (SourceFile file : files.files()) {
                sha1.update(file.path().getBytes(StandardCharsets.UTF_8));
                sha1.update((byte) 0);
                sha1.update(Integer.toString(file.size()).getBytes(StandardCharsets.UTF_8));
                sha1.update((byte) 0);
                sha1.update(file.content());
            }
            return new CommitId(HexFormat.of().formatHex(sha1.digest()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from this JDK", e);
        }
    }
}
