package io.gitmesh.reconciler.loop;

import io.gitmesh.reconciler.source.Commit;
import io.gitmesh.schema.Diagnostic;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What {@code /status} shows about the repository: the last commit fetched and the last applied,
 * the outcome of the last pass with its diagnostics (file:line), and whether history was rewritten.
 */
public record ReconcileStatus(Optional<Commit> lastFetched, Optional<Instant> lastFetchedAt,
        Optional<Commit> lastApplied, Optional<Instant> lastAppliedAt, Optional<Outcome> lastOutcome,
        Optional<Instant> lastAttemptAt, List<Diagnostic> diagnostics, boolean historyRewritten, long passes) {

    public static final ReconcileStatus INITIAL = new ReconcileStatus(Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of(), false, 0);

    public ReconcileStatus {
        diagnostics = List.copyOf(diagnostics);
    }

    /** Ready once a revision has been applied: a proxy connecting now gets a real config. */
    public boolean ready() {
        return lastApplied.isPresent();
    }
}
