package io.gitmesh.reconciler.source;

import java.util.Objects;

/**
 * Why a git source could not deliver, and what that means for the caller. The message is for
 * people: it names the repository, the reference or the commit, and what to do. It never holds a
 * secret.
 */
public final class GitSourceException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What the caller should do about a failure. */
    public enum Kind {
        /**
         * Waiting on something outside gitmesh (the host is unreachable, a timeout, a server
         * error): keep serving the last good mesh and retry.
         */
        TRANSIENT,
        /**
         * Someone must change something (the branch does not exist, the credentials are refused,
         * the commit is unsigned): keep serving, report, and do not retry faster than the interval.
         */
        USER_MUST_FIX
    }

    private final Kind kind;

    private GitSourceException(Kind kind, String message) {
        super(Objects.requireNonNull(message, "message"), null, false, false);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public static GitSourceException transientFailure(String message) {
        return new GitSourceException(Kind.TRANSIENT, message);
    }

    public static GitSourceException userMustFix(String message) {
        return new GitSourceException(Kind.USER_MUST_FIX, message);
    }

    public Kind kind() {
        return kind;
    }

    public boolean isTransient() {
        return kind == Kind.TRANSIENT;
    }
}
