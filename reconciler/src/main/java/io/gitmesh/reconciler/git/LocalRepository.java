package io.gitmesh.reconciler.git;

import io.gitmesh.reconciler.source.Commit;
import io.gitmesh.reconciler.source.CommitId;
import io.gitmesh.reconciler.source.GitSourceException;
import io.gitmesh.reconciler.source.PathChange;
import io.gitmesh.reconciler.source.PolicyPaths;
import io.gitmesh.schema.Diagnostic;
import io.gitmesh.schema.Limits;
import io.gitmesh.schema.SourceFile;
import io.gitmesh.schema.SourceFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * A repository on this machine, read in place (no copy, no fetch): for {@code gitmesh diff} and
 * the other offline commands, which name commits with git's revision syntax ({@code HEAD~1},
 * {@code origin/main}, a tag, an id) and may compare against uncommitted edits.
 *
 * <p>It is opened for a directory that may lie anywhere inside the working tree; paths, given and
 * returned, are relative to that directory, as {@code gitmesh validate DIR} reports them.
 */
public final class LocalRepository implements AutoCloseable {
    private final Repository repository;
    private final String prefix;
    private final RepositoryReader reader;
    private final WorkingTreeReader workingTree;
    private final Path directory;

    private LocalRepository(Repository repository, String prefix, Path directory, Limits limits, long maxTotalBytes) {
        this.repository = repository;
        this.prefix = prefix;
        this.directory = directory;
        this.reader = new RepositoryReader(repository, new CommitTreeReader(limits, maxTotalBytes), directory.toString());
        this.workingTree = new WorkingTreeReader(limits, maxTotalBytes);
    }

    /**
     * Opens the repository that holds {@code directory} (its working tree, or a bare repository).
     *
     * @param maxTotalBytes most bytes of policy files read from one commit or the working tree
     */
    public static LocalRepository open(Path directory, Limits limits, long maxTotalBytes) throws GitSourceException {
        Path absolute = directory.toAbsolutePath().normalize();
        try {
            Repository repository = new FileRepositoryBuilder().setMustExist(true).findGitDir(absolute.toFile()).build();
            Path root = repository.isBare() ? repository.getDirectory().toPath() : repository.getWorkTree().toPath();
            String prefix = root.toAbsolutePath().normalize().relativize(absolute).toString()
                    .replace(java.io.File.separatorChar, '/');
            return new LocalRepository(repository, prefix, absolute, limits, maxTotalBytes);
        } catch (RepositoryNotFoundException | IllegalArgumentException e) {
            throw GitSourceException.userMustFix(absolute + " is not inside a git repository");
        } catch (IOException e) {
            throw GitSourceException.userMustFix("cannot open the git repository of " + absolute + " ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /** The commit a revision names: {@code HEAD}, {@code HEAD~2}, {@code main}, {@code v1.0}, an id. */
    public Commit resolve(String revision) throws GitSourceException {
        try (RevWalk walk = new RevWalk(repository)) {
            ObjectId id = repository.resolve(revision + "^{commit}");
            if (id == null) {
                throw GitSourceException.userMustFix("\"" + revision + "\" names no commit in " + directory);
            }
            return RepositoryReader.commitOf(walk.parseCommit(id));
        } catch (RevisionSyntaxException e) {
            throw GitSourceException.userMustFix("\"" + revision + "\" is not a git revision");
        } catch (IOException e) {
            throw reader.readFailure(e);
        }
    }

    /** The policy files of a commit under {@code paths} (relative to the directory opened). */
    public SourceFiles files(CommitId commit, PolicyPaths paths) throws GitSourceException {
        return relative(reader.files(commit, inRepository(paths)));
    }

    /** The policy files of the working tree: what {@code git commit -a} plus new files would record. */
    public SourceFiles workingTreeFiles(PolicyPaths paths) throws GitSourceException {
        if (repository.isBare()) {
            throw GitSourceException.userMustFix(directory + " is a bare repository: it has no working tree; name a revision");
        }
        try {
            return relative(workingTree.read(repository, inRepository(paths)));
        } catch (IOException e) {
            throw reader.readFailure(e);
        }
    }

    public List<PathChange> changedPaths(CommitId from, CommitId to, PolicyPaths paths) throws GitSourceException {
        return reader.changedPaths(from, to, inRepository(paths)).stream()
                .map(change -> new PathChange(change.kind(), change.oldPath().map(this::relative),
                        change.newPath().map(this::relative)))
                .toList();
    }

    @Override
    public void close() {
        repository.close();
    }

    private PolicyPaths inRepository(PolicyPaths paths) {
        if (prefix.isEmpty()) {
            return paths;
        }
        return paths.isWholeTree() ? PolicyPaths.of(prefix)
                : PolicyPaths.of(paths.roots().stream().map(root -> prefix + "/" + root).toList());
    }

    private String relative(String path) {
        return !prefix.isEmpty() && path.startsWith(prefix + "/") ? path.substring(prefix.length() + 1) : path;
    }

    private SourceFiles relative(SourceFiles files) {
        if (prefix.isEmpty()) {
            return files;
        }
        List<SourceFile> moved = files.files().stream()
                .map(file -> new SourceFile(relative(file.path()), file.content())).toList();
        List<Diagnostic> diagnostics = files.diagnostics().stream()
                .map(d -> new Diagnostic(d.severity(), relative(d.file()), d.line(), d.column(), d.pointer(),
                        d.resource(), d.message()))
                .toList();
        return new SourceFiles(moved, diagnostics);
    }
}
