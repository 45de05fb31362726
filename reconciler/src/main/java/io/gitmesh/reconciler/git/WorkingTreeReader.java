package io.gitmesh.reconciler.git;

import io.gitmesh.reconciler.source.GitSourceException;
import io.gitmesh.reconciler.source.PolicyPaths;
import io.gitmesh.schema.Limits;
import io.gitmesh.schema.SourceFile;
import io.gitmesh.schema.SourceFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.dircache.DirCacheIterator;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.treewalk.FileTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;

/**
 * Reads the policy files of a working tree as {@code git status} sees it: tracked files with their
 * uncommitted edits, new files that are not ignored, deleted files gone. Links are not followed,
 * nested repositories are not entered.
 */
final class WorkingTreeReader {
    private static final int INDEX = 0;
    private static final int WORK_TREE = 1;

    private final Limits limits;
    private final long maxTotalBytes;

    WorkingTreeReader(Limits limits, long maxTotalBytes) {
        this.limits = limits;
        this.maxTotalBytes = maxTotalBytes;
    }

    SourceFiles read(Repository repository, PolicyPaths paths) throws GitSourceException, IOException {
        Path root = repository.getWorkTree().toPath();
        PolicyFileCollector collector = new PolicyFileCollector(limits, maxTotalBytes, "the working tree " + root);
        try (TreeWalk walk = new TreeWalk(repository)) {
            walk.addTree(new DirCacheIterator(repository.readDirCache()));
            FileTreeIterator workTree = new FileTreeIterator(repository);
            walk.addTree(workTree);
            workTree.setDirCacheIterator(walk, INDEX);
            walk.setRecursive(false);
            if (!paths.isWholeTree()) {
                walk.setFilter(PathFilterGroup.createFromStrings(paths.roots()));
            }
            while (walk.next()) {
                FileTreeIterator entry = walk.getTree(WORK_TREE, FileTreeIterator.class);
                boolean tracked = walk.getTree(INDEX, DirCacheIterator.class) != null;
                if (entry == null || !tracked && entry.isEntryIgnored()) {
                    continue;
                }
                String path = walk.getPathString();
                FileMode mode = entry.getEntryFileMode();
                if (mode == FileMode.TREE) {
                    if (paths.entersDirectory(path)) {
                        walk.enterSubtree();
                    }
                } else if (mode == FileMode.SYMLINK) {
                    collector.symbolicLink(path);
                } else if (mode == FileMode.GITLINK) {
                    collector.submodule(path);
                } else if (SourceFile.isPolicyPath(path) && collector.admit(path, entry.getEntryLength())) {
                    readFile(root.resolve(path), path, collector);
                }
            }
        }
        return collector.result();
    }

    /** Reads at most the per-file limit: the file may have grown since its size was taken. */
    private void readFile(Path file, String path, PolicyFileCollector collector) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] content = in.readNBytes(limits.maxFileBytes() + 1);
            if (content.length > limits.maxFileBytes()) {
                collector.tooLarge(path, Math.max(content.length, Files.size(file)));
            } else {
                collector.add(path, content);
            }
        } catch (IOException e) {
            collector.unreadable(path, e.getClass().getSimpleName());
        }
    }
}
