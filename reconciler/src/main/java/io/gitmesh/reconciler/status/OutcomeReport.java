package io.gitmesh.reconciler.status;

import io.gitmesh.reconciler.loop.Outcome;
import io.gitmesh.reconciler.source.Commit;
import java.util.Objects;
import java.util.Optional;

/**
 * A reconcile outcome as people outside gitmesh see it: a Kubernetes Event's reason and note, a
 * commit status. Passes that changed nothing report nothing.
 *
 * @param commit the commit it is about; empty when the repository could not be read
 * @param note   one line for people, at most {@value #MAX_NOTE} characters
 */
public record OutcomeReport(Reason reason, Optional<Commit> commit, String note) {
    static final int MAX_NOTE = 1000;

    public enum Reason {
        /** The revision is served. */
        Applied,
        /** The revision has errors; the last applied one stays served. */
        Refused,
        /** The repository could not be read. */
        FetchFailed
    }

    public OutcomeReport {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(commit, "commit");
        note = note.length() > MAX_NOTE ? note.substring(0, MAX_NOTE - 1) + "…" : note;
    }

    /** The report for {@code outcome}, or empty for a pass that found nothing new. */
    public static Optional<OutcomeReport> of(Outcome outcome) {
        return switch (outcome) {
            case Outcome.Applied a -> Optional.of(new OutcomeReport(Reason.Applied, Optional.of(a.commit()),
                    "applied commit " + a.commit().id().abbreviated() + " \"" + a.commit().summary() + "\""));
            case Outcome.Refused r -> Optional.of(new OutcomeReport(Reason.Refused, Optional.of(r.commit()),
                    "refused commit " + r.commit().id().abbreviated() + ": " + r.errors().size()
                            + (r.errors().size() == 1 ? " error" : " errors")
                            + r.errors().stream().findFirst().map(e -> ", the first " + e.toText()).orElse("")
                            + "; the last applied commit stays served"));
            case Outcome.SourceFailed f -> Optional.of(new OutcomeReport(Reason.FetchFailed, Optional.empty(),
                    "cannot read the repository" + (f.transientFailure() ? " (will retry): " : ": ") + f.message()));
            case Outcome.Unchanged u -> Optional.empty();
        };
    }

    /** Whether the outcome is final for its commit (applied, or refused with the reason). */
    public boolean isFinal() {
        return reason != Reason.FetchFailed;
    }

    /** Normal for an applied revision, Warning otherwise. */
    public String eventType() {
        return reason == Reason.Applied ? "Normal" : "Warning";
    }

    /** What makes two reports the same: the reason and the commit, or the reason and the note without a commit. */
    public String identity() {
        return reason + "/" + commit.map(c -> c.id().hex()).orElse(note);
    }
}
