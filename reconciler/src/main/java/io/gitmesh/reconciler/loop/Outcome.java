package io.gitmesh.reconciler.loop;

import io.gitmesh.reconciler.source.Commit;
import io.gitmesh.schema.Diagnostic;
import java.util.List;

/**
 * What one reconcile pass did. The three failures are kept apart as Flux does: a refused revision
 * needs the user, a source failure may be transient, and neither changes what is served.
 */
public sealed interface Outcome {
    /** The commit (with the cluster state) was compiled and published. */
    record Applied(Commit commit) implements Outcome { }

    /** Nothing new since the last pass. */
    record Unchanged(Commit commit) implements Outcome { }

    /** The commit has errors; the last good revision stays served. */
    record Refused(Commit commit, List<Diagnostic> errors) implements Outcome {
        public Refused {
            errors = List.copyOf(errors);
        }
    }

    /** The repository could not be read (unreachable, missing reference, refused signature). */
    record SourceFailed(boolean transientFailure, String message) implements Outcome { }

    /** A word for logs and metrics: applied, unchanged, refused or source-failed. */
    default String word() {
        return switch (this) {
            case Applied a -> "applied";
            case Unchanged u -> "unchanged";
            case Refused r -> "refused";
            case SourceFailed f -> "source-failed";
        };
    }
}
