package io.gitmesh.app.cli;

/** Something the user must fix (a missing directory, a bad flag value); printed as one line, exit code 2. */
public final class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UserError(String message) {
        super(message, null, false, false);
    }
}
