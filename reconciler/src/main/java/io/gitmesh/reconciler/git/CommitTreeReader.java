package io.gitmesh.reconciler.git;

import io.gitmesh.reconciler.source.GitSourceException;
import io.gitmesh.reconciler.source.PolicyPaths;
import io.gitmesh.schema.Limits;
import io.gitmesh.schema.SourceFile;
import io.gitmesh.schema.SourceFiles;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;

/**
 * Reads the policy files of a commit straight from its tree, without a checkout: sizes come from
 * the object headers, so a blob over the limit is never loaded. A file whose blob is the one read
 * last time at the same path is not read again: the same {@link SourceFile} is handed out, so a
 * commit that changes a few files of a large repository reads only those (and the parse cache finds
 * the others by identity).
 */
final class CommitTreeReader {
    /** A policy file as read, and the blob it was read from. */
    private record Blob(ObjectId id, long size, SourceFile file) {
    }

    private final Limits limits;
    private final long maxTotalBytes;
    private volatile Map<String, Blob> lastRead = Map.of();

    CommitTreeReader(Limits limits, long maxTotalBytes) {
        this.limits = limits;
        this.maxTotalBytes = maxTotalBytes;
    }

    SourceFiles read(ObjectReader reader, RevCommit commit, PolicyPaths paths) throws GitSourceException, IOException {
        PolicyFileCollector collector = new PolicyFileCollector(limits, maxTotalBytes,
                "commit " + commit.abbreviate(7).name());
        Map<String, Blob> previous = lastRead;
        Map<String, Blob> read = new HashMap<>();
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
                    ObjectId id = walk.getObjectId(0);
                    Blob known = previous.get(path);
                    Blob blob = known != null && known.id().equals(id) ? known : new Blob(id.copy(),
                            reader.getObjectSize(id, Constants.OBJ_BLOB), null);
                    if (collector.admit(path, blob.size())) {
                        if (blob.file() == null) {
                            blob = new Blob(blob.id(), blob.size(), new SourceFile(path,
                                    reader.open(id, Constants.OBJ_BLOB).getBytes(limits.maxFileBytes())));
                        }
                        collector.add(blob.file());
                        read.put(path, blob);
                    }
                }
            }
        }
        lastRead = Map.copyOf(read);
        return collector.result();
    }
}
