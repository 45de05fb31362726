package io.gitmesh.bench.push;

import io.gitmesh.xds.SnapshotGroup;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@link LoadClient} running in a process of its own, started with this JVM's java binary and class
 * path, and driven over its stdin and stdout. Its stderr goes to this process's.
 */
final class LoadClientProcess implements AutoCloseable {
    private final Process process;
    private final PrintStream commands;
    private final BufferedReader replies;

    private LoadClientProcess(Process process) {
        this.process = process;
        this.commands = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
        this.replies = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Starts the client and returns once it has opened {@code streams} streams over {@code groups}. */
    static LoadClientProcess start(int port, List<SnapshotGroup> groups, int streams, Duration limit, String heap) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx" + heap, "-cp", System.getProperty("java.class.path"),
                LoadClient.class.getName(), String.valueOf(port), String.valueOf(streams),
                String.valueOf(limit.toSeconds()))
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        LoadClientProcess client;
        try {
            client = new LoadClientProcess(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the load client", e);
        }
        groups.forEach(group -> client.commands.println(group.id()));
        client.commands.println("end");
        client.expect("opened " + streams);
        return client;
    }

    /** Starts counting responses anew. */
    void mark() {
        send("mark");
        expect("marked");
    }

    /** What the streams received since the last {@link #mark} or count. */
    Received count() {
        send("count");
        String[] reply = reply().split(" ");
        if (reply.length != 4 || !reply[0].equals("count")) {
            throw new IllegalStateException("the load client answered \"" + String.join(" ", reply) + "\" to count");
        }
        return new Received(Integer.parseInt(reply[1]), Long.parseLong(reply[2]), Integer.parseInt(reply[3]));
    }

    /** CPU time the client process has used so far. */
    Duration cpu() {
        return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            send("quit");
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** Kills the client at once (for a harness that is bailing out). */
    void kill() {
        process.destroyForcibly();
    }

    /**
     * @param streams   streams that received at least one response
     * @param responses responses they received
     * @param closed    streams the server has closed, ever
     */
    record Received(int streams, long responses, int closed) {
    }

    private void send(String command) {
        commands.println(command);
        if (commands.checkError()) {
            throw new IllegalStateException("the load client is gone (exit " + exitValue() + ")");
        }
    }

    private void expect(String expected) {
        String reply = reply();
        if (!reply.equals(expected)) {
            throw new IllegalStateException("the load client answered \"" + reply + "\", not \"" + expected + "\"");
        }
    }

    private String reply() {
        try {
            String line = replies.readLine();
            if (line == null) {
                throw new IllegalStateException("the load client is gone (exit " + exitValue() + ")");
            }
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the load client's answer", e);
        }
    }

    private String exitValue() {
        try {
            return process.waitFor(5, TimeUnit.SECONDS) ? String.valueOf(process.exitValue()) : "still running";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
