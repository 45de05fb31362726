package io.gitmesh.reconciler.git;

import io.gitmesh.reconciler.source.PathChange;
import io.gitmesh.reconciler.source.PolicyPaths;
import io.gitmesh.schema.SourceFile;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;
import org.eclipse.jgit.util.io.DisabledOutputStream;

/** The policy files that differ between two commits, compared tree to tree with rename detection. */
final class PathChanges {
    private PathChanges() {
    }

    static List<PathChange> between(Repository repository, RevCommit from, RevCommit to, PolicyPaths paths)
            throws IOException {
        try (DiffFormatter formatter = new DiffFormatter(DisabledOutputStream.INSTANCE)) {
            formatter.setRepository(repository);
            formatter.setDetectRenames(true);
            if (!paths.isWholeTree()) {
                formatter.setPathFilter(PathFilterGroup.createFromStrings(paths.roots()));
            }
            return formatter.scan(from.getTree(), to.getTree()).stream()
                    .map(entry -> toChange(entry, paths))
                    .flatMap(Optional::stream)
                    .sorted()
                    .toList();
        }
    }

    /** The change as the policy reader sees it: a rename out of the policy files is a deletion. */
    private static Optional<PathChange> toChange(DiffEntry entry, PolicyPaths paths) {
        String oldPath = entry.getOldPath();
        String newPath = entry.getNewPath();
        boolean before = entry.getChangeType() != DiffEntry.ChangeType.ADD && isPolicy(oldPath, paths);
        boolean after = entry.getChangeType() != DiffEntry.ChangeType.DELETE && isPolicy(newPath, paths);
        if (entry.getChangeType() == DiffEntry.ChangeType.COPY) {
            before = false;
        }
        if (before && after) {
            return Optional.of(oldPath.equals(newPath) ? PathChange.modified(newPath) : PathChange.renamed(oldPath, newPath));
        }
        if (before) {
            return Optional.of(PathChange.deleted(oldPath));
        }
        return after ? Optional.of(PathChange.added(newPath)) : Optional.empty();
    }

    private static boolean isPolicy(String path, PolicyPaths paths) {
        return SourceFile.isPolicyPath(path) && paths.includes(path);
    }
}
