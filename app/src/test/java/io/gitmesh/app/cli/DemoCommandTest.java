package io.gitmesh.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gitmesh.app.demo.DemoReport;
import io.gitmesh.app.demo.StepResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code gitmesh demo --script} end to end, as a user runs it: sample-repo copied into a new git
 * repository, gitmesh following it by push webhook, the bookstore's workloads as proxyless gRPC
 * servers and callers with mTLS, and each step of the script judged by the traffic it produces.
 */
class DemoCommandTest {
    private static final String V1 = "bookstore-v1";
    private static final String V2 = "bookstore-v2";
    private static final String BOOKBUYER = "bookbuyer";
    private static final String BOOKTHIEF = "bookthief";
    private static final String DENIED = "denied";

    @Test
    void theScriptConvergesOnEveryStepWithinTwoMinutes(@TempDir Path tmp) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = GitmeshCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        long started = System.nanoTime();

        int exitCode = cl.execute("demo", "--script", "--sample-repo", SampleRepo.PATH.toString(),
                "--dir", tmp.resolve("demo").toString());

        Duration took = Duration.ofNanos(System.nanoTime() - started);
        System.out.printf("gitmesh demo --script took %d ms%n%s", took.toMillis(), out);
        assertThat(exitCode).as(out + "\n" + err).isZero();
        assertThat(took).isLessThan(Duration.ofMinutes(2));
        DemoReport report = ((DemoCommand) cl.getSubcommands().get("demo").getCommand()).report().orElseThrow();
        List<StepResult> steps = report.steps();
        assertThat(steps).extracting(StepResult::title).containsExactly("start", "split 50/50", "all to v2",
                "allow bookthief", "a bad commit", "git revert");
        assertThat(steps).allSatisfy(step -> assertThat(step.converged()).as(step.title()).isTrue());

        StepResult start = steps.get(0);
        assertThat(start.percent(BOOKBUYER, V1)).isEqualTo(100);
        assertThat(start.percent(BOOKTHIEF, DENIED)).isEqualTo(100);

        StepResult split = steps.get(1);
        assertThat(split.outcome()).isEqualTo("applied");
        assertThat(split.percent(BOOKBUYER, V1)).isCloseTo(50, within(5.0));
        assertThat(split.percent(BOOKBUYER, V2)).isCloseTo(50, within(5.0));
        assertThat(split.percent(BOOKTHIEF, DENIED)).isEqualTo(100);

        assertThat(steps.get(2).percent(BOOKBUYER, V2)).isEqualTo(100);
        assertThat(steps.get(2).percent(BOOKTHIEF, DENIED)).isEqualTo(100);

        StepResult allowed = steps.get(3);
        assertThat(allowed.percent(BOOKTHIEF, V2)).isEqualTo(100);
        assertThat(allowed.percent(BOOKBUYER, V2)).isEqualTo(100);

        StepResult bad = steps.get(4);
        assertThat(bad.outcome()).isEqualTo("refused");
        assertThat(bad.diagnostics()).anySatisfy(problem -> assertThat(problem)
                .startsWith("policy/bookstore-split.yaml:11:5: error:").contains("\"10%\""));
        assertThat(bad.servedVersions()).isEqualTo(allowed.servedVersions());
        assertThat(bad.percent(BOOKTHIEF, V2)).isEqualTo(100);

        StepResult revert = steps.get(5);
        assertThat(revert.outcome()).isEqualTo("applied");
        assertThat(revert.commit()).contains("Revert \"Split bookstore 50/50 between v1 and v2\"");
        assertThat(revert.servedVersions()).isEqualTo(start.servedVersions()).isNotEmpty();
        assertThat(revert.percent(BOOKBUYER, V1)).isEqualTo(100);
        assertThat(revert.percent(BOOKTHIEF, DENIED)).isEqualTo(100);

        assertThat(out.toString()).contains("[1/6] start", "6 of 6 steps converged", report.repository().toString());
    }

    @Test
    void aWindowTheRateCannotFillInTimeIsAUsageError(@TempDir Path tmp) {
        CliRun run = CliRun.of("demo", "--script", "--rate", "10", "--timeout", "20s", "--sample-repo",
                SampleRepo.PATH.toString(), "--dir", tmp.resolve("demo").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("gitmesh: --window 300 calls take more than half of --timeout 20s at --rate 10:"
                + " give a smaller window, a higher rate or a longer timeout\n");
    }

    @Test
    void withoutASampleRepositoryTheDemoSaysWhereItLooked(@TempDir Path tmp) {
        Path missing = tmp.resolve("no-such-repo");

        CliRun run = CliRun.of("demo", "--script", "--sample-repo", missing.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("gitmesh: no sample repository at " + missing
                + ": run from the gitmesh checkout (./gitmesh demo) or pass --sample-repo DIR\n");
    }
}
