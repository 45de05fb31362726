package io.gitmesh.app.cli;

import io.gitmesh.app.demo.Demo;
import io.gitmesh.app.demo.DemoReport;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gitmesh demo}: the bookstore mesh on this machine, driven by commits (see {@link Demo}). */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the bookstore mesh on this machine and change it by git commits: copies sample-repo/ "
                + "into a new git repository, starts gitmesh on it and the bookstore's workloads as proxyless gRPC "
                + "servers and clients with their own certificates, then commits a traffic split, access for "
                + "bookthief, a bad commit and a git revert, showing each take effect in a live view. Runs until "
                + "Ctrl-C.",
            "Exit codes: 0 done; with --script, 1 when a step did not converge; 2 usage or setup error."})
final class DemoCommand implements Callable<Integer> {
    private static final int DEFAULT_COLUMNS = 80;
    private static final int MIN_COLUMNS = 40;

    @Spec
    CommandSpec spec;

    @Option(names = "--script", description = "Run the steps once without the live view, print a summary and exit.")
    boolean script;

    @Option(names = "--sample-repo", paramLabel = "DIR",
            description = "The policy to start from (default: sample-repo/ of the gitmesh checkout).")
    Path sampleRepo;

    @Option(names = "--dir", paramLabel = "DIR",
            description = "Where to put the demo's repository, certificates and logs "
                    + "(default: a new temporary folder).")
    Path dir;

    @Option(names = "--rate", paramLabel = "N", defaultValue = "250",
            description = "Calls per second of each caller (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--window", paramLabel = "N", defaultValue = "300",
            description = "Calls per caller that must follow a change before it counts as converged "
                    + "(default: ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--timeout", paramLabel = "D", defaultValue = "30s", converter = DurationConverter.class,
            description = "How long a step may take to converge (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--pause", paramLabel = "D", defaultValue = "6s", converter = DurationConverter.class,
            description = "Live view: time between steps, to watch each one (default: ${DEFAULT-VALUE}).")
    Duration pause;

    private Optional<DemoReport> report = Optional.empty();

    @Override
    public Integer call() throws Exception {
        if (rate < 1 || window < 1) {
            throw new UserError("--rate and --window must be positive");
        }
        if (window > rate * timeout.toSeconds() / 2) {
            throw new UserError("--window " + window + " calls take more than half of --timeout " + timeout.toSeconds()
                    + "s at --rate " + rate + ": give a smaller window, a higher rate or a longer timeout");
        }
        Demo.Settings settings = new Demo.Settings(sample(), directory(), rate, timeout, window);
        PrintWriter out = spec.commandLine().getOut();
        if (script) {
            DemoReport done = Demo.script(settings, Compilers.continuous(), out);
            report = Optional.of(done);
            return done.allConverged() ? 0 : 1;
        }
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "gitmesh-demo-shutdown"));
        Demo.live(settings, Compilers.continuous(), out, terminalColumns(), pause, stop);
        return 0;
    }

    /**
     * The terminal's width when stdout is a terminal that can redraw in place; the launcher tells
     * (Java 21 cannot): {@code gitmesh.terminal} and {@code gitmesh.columns}.
     */
    private static OptionalInt terminalColumns() {
        if (!Boolean.getBoolean("gitmesh.terminal") || "dumb".equals(System.getenv("TERM"))) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(Math.max(Integer.getInteger("gitmesh.columns", DEFAULT_COLUMNS), MIN_COLUMNS));
    }

    /** The report of the last {@code --script} run. */
    Optional<DemoReport> report() {
        return report;
    }

    /** --sample-repo, else sample-repo/ of the checkout the launcher runs from, else of the working directory. */
    private Path sample() {
        Path path = sampleRepo != null ? sampleRepo
                : Path.of(System.getProperty("gitmesh.root", ".")).resolve("sample-repo");
        if (!Files.isDirectory(path)) {
            throw new UserError("no sample repository at " + path.toAbsolutePath().normalize()
                    + ": run from the gitmesh checkout (./gitmesh demo) or pass --sample-repo DIR");
        }
        return path;
    }

    private Path directory() throws java.io.IOException {
        if (dir == null) {
            return Files.createTempDirectory("gitmesh-demo-");
        }
        if (Files.isDirectory(dir)) {
            try (var entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new UserError("--dir " + dir + " is not empty; give a new or empty folder");
                }
            }
        }
        return Files.createDirectories(dir);
    }
}
