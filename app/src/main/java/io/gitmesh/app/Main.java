package io.gitmesh.app;

import io.gitmesh.app.cli.GitmeshCommand;

/** Entry point of the {@code gitmesh} command. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(GitmeshCommand.commandLine().execute(args));
    }
}
