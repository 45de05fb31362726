package io.gitmesh.app.cli;

import io.gitmesh.reconciler.git.LocalRepository;
import io.gitmesh.reconciler.source.CommitId;
import io.gitmesh.reconciler.source.GitSourceException;
import io.gitmesh.reconciler.source.PolicyPaths;
import io.gitmesh.schema.SourceFiles;
import java.util.Optional;

/**
 * A revision of a policy folder inside a git repository: a commit named with git's revision syntax
 * ({@code HEAD~1}, {@code origin/main}, a tag, an id), or the working tree as {@code git status}
 * sees it (uncommitted edits, new files that are not ignored, deleted files gone). Paths are relative
 * to the folder; dot-folders below it are skipped. Reads through the repository, which the caller
 * keeps open.
 */
final class GitRevision implements RevisionSource {
    /** How JSON names the working tree, where a commit has its id. */
    static final String WORKING_TREE = "working-tree";

    private final LocalRepository repository;
    private final Optional<CommitId> commit;
    private final String label;

    private GitRevision(LocalRepository repository, Optional<CommitId> commit, String label) {
        this.repository = repository;
        this.commit = commit;
        this.label = label;
    }

    /**
     * The commit {@code ref} names; a {@link UserError} naming {@code option} when it names none.
     *
     * @param option the command-line option that gave the ref, e.g. {@code --from}
     */
    static GitRevision commit(LocalRepository repository, String option, String ref) {
        try {
            CommitId id = repository.resolve(ref).id();
            boolean isId = ref.length() >= id.abbreviated().length() && id.hex().startsWith(ref);
            String label = isId ? id.abbreviated() : ref + " (" + id.abbreviated() + ")";
            return new GitRevision(repository, Optional.of(id), label);
        } catch (GitSourceException e) {
            throw new UserError(option + ": " + e.getMessage());
        }
    }

    static GitRevision workingTree(LocalRepository repository) {
        return new GitRevision(repository, Optional.empty(), "the working tree");
    }

    /** How JSON names the revision: the full commit id, or {@value #WORKING_TREE}. */
    String id() {
        return commit.map(CommitId::hex).orElse(WORKING_TREE);
    }

    /** How an error names the revision: {@code --from HEAD~1 (ab12cd3)}, or {@code the working tree}. */
    String side(String option) {
        return commit.isPresent() ? option + " " + label : label;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public SourceFiles files() {
        try {
            return commit.isPresent() ? repository.files(commit.get(), PolicyPaths.WHOLE_TREE)
                    : repository.workingTreeFiles(PolicyPaths.WHOLE_TREE);
        } catch (GitSourceException e) {
            throw new UserError(e.getMessage());
        }
    }
}
