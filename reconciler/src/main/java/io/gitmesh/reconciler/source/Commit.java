package io.gitmesh.reconciler.source;

import java.time.Instant;
import java.util.Objects;

/**
 * A commit as people see it in a status line or a log.
 *
 * @param author  {@code Name <email>}
 * @param time    when the commit was made (committer time)
 * @param summary the first line of the message
 */
public record Commit(CommitId id, String author, Instant time, String summary) {
    public Commit {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(summary, "summary");
    }
}
