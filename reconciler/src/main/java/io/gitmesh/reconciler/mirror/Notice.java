package io.gitmesh.reconciler.mirror;

import java.util.Objects;

/**
 * Something the mirror did not do, and why: a document it cannot write, an object it does not own,
 * a prune it refused.
 *
 * @param subject what it is about: {@code Kind/namespace/name}, or a file:line
 */
public record Notice(String subject, String message) implements Comparable<Notice> {
    public Notice {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public int compareTo(Notice o) {
        int bySubject = subject.compareTo(o.subject);
        return bySubject != 0 ? bySubject : message.compareTo(o.message);
    }

    @Override
    public String toString() {
        return subject + ": " + message;
    }
}
