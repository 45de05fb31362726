package io.gitmesh.app.cli;

/**
 * Something the user must fix (a missing directory, a bad flag value, an invalid revision); printed
 * after {@code gitmesh: } (one line, or a line and the diagnostics that explain it), exit code 2.
 */
public final class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UserError(String message) {
        super(message, null, false, false);
    }
}
