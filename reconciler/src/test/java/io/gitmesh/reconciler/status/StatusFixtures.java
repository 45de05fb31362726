package io.gitmesh.reconciler.status;

import io.gitmesh.reconciler.loop.Outcome;
import io.gitmesh.reconciler.source.Commit;
import io.gitmesh.reconciler.source.CommitId;
import io.gitmesh.schema.Diagnostic;
import io.gitmesh.schema.Position;
import io.gitmesh.schema.Severity;
import java.time.Instant;
import java.util.List;

/** Outcomes of reconcile passes, as the loop reports them. */
final class StatusFixtures {
    private StatusFixtures() {
    }

    static Commit commit(char digit) {
        return new Commit(new CommitId(String.valueOf(digit).repeat(40)), "A U Thor <a@example.com>",
                Instant.parse("2026-01-01T00:00:00Z"), "change " + digit);
    }

    static Outcome.Applied applied(char digit) {
        return new Outcome.Applied(commit(digit));
    }

    static Outcome.Refused refused(char digit) {
        return new Outcome.Refused(commit(digit), List.of(
                Diagnostic.of(Severity.ERROR, "policy/routes.yaml", new Position(8, 7), "/spec/matches/0/methods/0",
                        "HTTPRouteGroup/shop/routes", "unknown method \"FETCH\""),
                Diagnostic.of(Severity.ERROR, "policy/target.yaml", new Position(7, 3), "", "", "second")));
    }

    static Outcome.SourceFailed fetchFailed() {
        return new Outcome.SourceFailed(true, "git.example.com: connection refused");
    }
}
