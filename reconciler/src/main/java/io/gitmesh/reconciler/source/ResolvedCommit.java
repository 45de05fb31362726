package io.gitmesh.reconciler.source;

import java.util.Objects;
import java.util.Optional;

/**
 * The commit a source resolved its reference to, checked and ready to apply.
 *
 * @param ancestry how it relates to the commit applied before; {@link Ancestry#NOT_DESCENDANT}
 *                 means history was rewritten, which a caller reports as a warning
 * @param signer   who signed it, when signature verification is on (it is then always present:
 *                 a commit that fails verification is never resolved)
 */
public record ResolvedCommit(Commit commit, Ancestry ancestry, Optional<Signer> signer) {
    public ResolvedCommit {
        Objects.requireNonNull(commit, "commit");
        Objects.requireNonNull(ancestry, "ancestry");
        Objects.requireNonNull(signer, "signer");
    }

    public CommitId id() {
        return commit.id();
    }

    /** Whether the previous commit is missing from this commit's history (force push, reset). */
    public boolean historyRewritten() {
        return ancestry == Ancestry.NOT_DESCENDANT;
    }
}
