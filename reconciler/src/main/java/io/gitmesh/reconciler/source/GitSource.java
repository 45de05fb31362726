package io.gitmesh.reconciler.source;

import io.gitmesh.schema.SourceFiles;
import java.util.List;
import java.util.Optional;

/**
 * A git repository the mesh follows: which commit to apply now, the policy files of a commit, and
 * what changed between two commits. Implementations keep their own copy of the repository and are
 * safe to call from several threads (calls are serialised).
 *
 * <p>Every failure is a {@link GitSourceException} that says whether it is transient (keep serving
 * the last good mesh and retry) or needs the user (a missing branch, bad credentials, a refused
 * signature).
 */
public interface GitSource {

    /**
     * Brings the local copy up to date with the remote and resolves the configured reference.
     *
     * @param lastApplied the commit currently applied, if any: the result says whether the new
     *                    commit descends from it (a force push does not)
     * @throws GitSourceException when the remote cannot be reached, the reference does not exist,
     *                            or the commit's signature is refused
     */
    ResolvedCommit resolve(Optional<CommitId> lastApplied) throws GitSourceException;

    /**
     * The policy files of {@code commit} under {@code paths}, read from the commit's tree (no
     * checkout): {@code *.yaml} and {@code *.yml} files, dot-folders below the given paths skipped,
     * symbolic links and submodules named in notices and not read, files over the size limit
     * reported without being read.
     *
     * @throws GitSourceException when the commit is unknown or the files add up to more than the
     *                            configured total
     */
    SourceFiles files(CommitId commit, PolicyPaths paths) throws GitSourceException;

    /**
     * The policy files under {@code paths} that differ between two commits, with renames detected,
     * in path order. A caller re-reads only these with {@link #files}.
     */
    List<PathChange> changedPaths(CommitId from, CommitId to, PolicyPaths paths) throws GitSourceException;

    /**
     * Housekeeping of the local copy that may take a while, such as repacking the packs that fetches
     * left behind. The reconcile loop calls it after a pass has published, so that no fetch (and no
     * commit on its way to the proxies) waits for it. Failures are logged, never thrown: a copy
     * that was not tidied up still serves.
     */
    default void maintain() {
    }
}
