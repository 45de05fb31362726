package io.gitmesh.app.demo;

import io.gitmesh.reconciler.compile.RevisionCompiler;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code gitmesh demo}: the bookstore mesh on this machine, driven by commits to its policy repository.
 * {@link #script} runs the steps once and reports; {@link #live} shows them in the live view and keeps
 * the mesh running until stopped.
 */
public final class Demo {
    private static final Duration REFRESH = Duration.ofSeconds(1);

    /**
     * @param sampleRepository the policy to start from (sample-repo/)
     * @param directory        a new, empty folder for the repository, certificates, cluster state and logs
     * @param callsPerSecond   how often each caller calls bookstore
     * @param stepTimeout      how long a step may take to converge
     * @param window           calls per caller that must follow a change for it to count as converged
     */
    public record Settings(Path sampleRepository, Path directory, int callsPerSecond, Duration stepTimeout,
            int window) {
        public Settings {
            Objects.requireNonNull(sampleRepository, "sampleRepository");
            Objects.requireNonNull(directory, "directory");
            Objects.requireNonNull(stepTimeout, "stepTimeout");
            if (callsPerSecond < 1 || window < 1) {
                throw new IllegalArgumentException("calls per second and window must be positive");
            }
        }
    }

    private Demo() {
    }

    /** Runs every step once, saying how each went, then a summary. */
    public static DemoReport script(Settings settings, RevisionCompiler compiler, PrintWriter out) throws Exception {
        try (AutoCloseable logs = DemoLogs.redirectTo(settings.directory());
                DemoMesh mesh = start(settings, compiler, out)) {
            List<Step> steps = DemoScript.steps();
            StepRunner runner = new StepRunner(mesh, settings.stepTimeout().toMillis(), settings.window());
            List<StepResult> results = new ArrayList<>();
            for (int i = 0; i < steps.size(); i++) {
                say(out, DemoText.announce(i + 1, steps.size(), steps.get(i)));
                StepResult result = runner.run(i + 1, steps.get(i));
                say(out, DemoText.result(result));
                results.add(result);
            }
            DemoReport report = new DemoReport(mesh.repository().root(), results);
            say(out, DemoText.summary(report));
            return report;
        }
    }

    /**
     * Runs the steps in the live view, {@code pause} apart, then keeps the mesh running (commits to
     * the repository are picked up) until {@code stop} counts down.
     *
     * @param terminalColumns the terminal's width when stdout is one (the view redraws in place);
     *                        empty for plain lines
     */
    public static void live(Settings settings, RevisionCompiler compiler, PrintWriter out,
            OptionalInt terminalColumns, Duration pause, CountDownLatch stop) throws Exception {
        try (AutoCloseable logs = DemoLogs.redirectTo(settings.directory());
                DemoMesh mesh = start(settings, compiler, out);
                LiveView view = LiveView.start(mesh, out, terminalColumns, REFRESH)) {
            List<Step> steps = DemoScript.steps();
            StepRunner runner = new StepRunner(mesh, settings.stepTimeout().toMillis(), settings.window());
            for (int i = 0; i < steps.size() && stop.getCount() > 0; i++) {
                view.say(DemoText.announce(i + 1, steps.size(), steps.get(i)));
                view.say(DemoText.result(runner.run(i + 1, steps.get(i))));
                stop.await(pause.toMillis(), TimeUnit.MILLISECONDS);
            }
            if (stop.getCount() > 0) {
                view.say(DemoText.afterScript(mesh.repository().root(), DemoMesh.POLL_INTERVAL));
                stop.await();
            }
        }
    }

    private static DemoMesh start(Settings settings, RevisionCompiler compiler, PrintWriter out) {
        say(out, DemoText.starting(settings.directory()));
        DemoMesh mesh = DemoMesh.start(new DemoMesh.Settings(settings.sampleRepository(), settings.directory(),
                settings.callsPerSecond(), settings.stepTimeout()), compiler);
        say(out, DemoText.started(mesh, settings.callsPerSecond()));
        return mesh;
    }

    private static void say(PrintWriter out, List<String> lines) {
        lines.forEach(out::println);
        out.flush();
    }
}
