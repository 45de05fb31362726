package io.gitmesh.reconciler.git;

import io.gitmesh.reconciler.source.GitSourceException;
import io.gitmesh.reconciler.source.PolicyPaths;
import io.gitmesh.schema.Limits;
import io.gitmesh.schema.SourceFile;
import io.gitmesh.schema.SourceFiles;
import java.io.IOException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;

/**
 * Reads the policy files of a commit straight from its tree, without a checkout: sizes come from
 * the object headers, so a blob over the limit is never loaded.
 */
final class CommitTreeReader {
    private final Limits limits;
    private final long maxTotalBytes;

    CommitTreeReader(Limits limits, long maxTotalBytes) {
        this.limits = limits;
        this.maxTotalBytes = maxTotalBytes;
    }

    SourceFiles read(ObjectReader reader, RevCommit commit, PolicyPaths paths) throws GitSourceException, IOException {
        PolicyFileCollector collector = new PolicyFileCollector(limits, maxTotalBytes,
                "commit " + commit.abbreviate(7).name());
        try (TreeWalk walk = new TreeWalk(reader)) {
            walk.addTree(commit.getTree());
            walk.setRecursive(false);
            if (!paths.isWholeTree()) {
                walk.setFilter(PathFilterGroup.createFromStrings(paths.roots()));
            }
            while (walk.next()) {
                String path = walk.getPathString();
                FileMode mode = walk.getFileMode(0);
                if (walk.isSubtree()) {
                    if (paths.entersDirectory(path)) {
                        walk.enterSubtree();
                    }
                } else if (mode == FileMode.SYMLINK) {
                    collector.symbolicLink(path);
                } else if (mode == FileMode.GITLINK) {
                    collector.submodule(path);
                } else if (SourceFile.isPolicyPath(path)) {
                    ObjectId blob = walk.getObjectId(0);
                    if (collector.admit(path, reader.getObjectSize(blob, Constants.OBJ_BLOB))) {
                        collector.add(path, reader.open(blob, Constants.OBJ_BLOB).getBytes(limits.maxFileBytes()));
                    }
                }
            }
        }
        return collector.result();
    }
}
