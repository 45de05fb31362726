package io.gitmesh.app.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.logging.FileHandler;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Sends the logs of gitmesh (slf4j-simple) and of grpc-java (java.util.logging) to files in the demo's
 * folder, so that they do not run through the live view. gitmesh's part works when nothing has logged
 * yet in this process (slf4j-simple reads its settings once), which is the case for the command.
 */
final class DemoLogs {
    /** Held so that the logger, and so its handler, stays (java.util.logging keeps loggers weakly). */
    private static final Logger GRPC = Logger.getLogger("io.grpc");

    private DemoLogs() {
    }

    /** Logs go to {@code gitmesh.log} and {@code grpc.log} in {@code directory}; grpc-java's until closed. */
    static AutoCloseable redirectTo(Path directory) {
        System.setProperty("org.slf4j.simpleLogger.logFile", directory.resolve("gitmesh.log").toString());
        FileHandler handler;
        try {
            handler = new FileHandler(directory.resolve("grpc.log").toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write logs to " + directory + ": " + e.getMessage(), e);
        }
        handler.setFormatter(new SimpleFormatter());
        GRPC.addHandler(handler);
        GRPC.setUseParentHandlers(false);
        return () -> {
            GRPC.removeHandler(handler);
            GRPC.setUseParentHandlers(true);
            handler.close();
        };
    }
}
