package io.gitmesh.app.demo;

import java.util.List;
import java.util.Objects;

/**
 * One step of the demo: what the user does to the policy repository, what it means, what to look at,
 * and what the mesh should do.
 *
 * @param title    a few words, e.g. {@code split 50/50}
 * @param does     what the change is, in a sentence
 * @param lookAt   what to watch in the live view
 * @param refused  whether gitmesh should refuse the commit (and keep serving the one before)
 */
record Step(String title, String does, String lookAt, Change change, TrafficExpectation expected, boolean refused) {
    Step {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(does, "does");
        Objects.requireNonNull(lookAt, "lookAt");
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(expected, "expected");
    }

    /** What the user does to the repository. */
    sealed interface Change {
        /** Nothing: the repository's first commit, which gitmesh serves from the start. */
        record FirstCommit() implements Change {
        }

        /** Edits committed with a subject, then pushed. */
        record Commit(String subject, List<TextEdit> edits) implements Change {
            public Commit {
                Objects.requireNonNull(subject, "subject");
                edits = List.copyOf(edits);
            }
        }

        /** {@code git revert} of every commit after the first (newest first), then pushed. */
        record RevertToFirst() implements Change {
        }
    }
}
