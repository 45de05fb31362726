package io.gitmesh.bench;

import io.gitmesh.reconciler.loop.MeshSink;
import io.gitmesh.reconciler.loop.Outcome;
import io.gitmesh.reconciler.loop.Reconciler;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reconcile passes over a real git repository of the generated policy ({@link FollowedRepository}:
 * {@code services} services, one file each, followed by {@code JGitSource} over {@code file://}).
 * Target G2: a full reload ≤ 500 ms warm, an incremental one (≤ 10 changed files) ≤ 50 ms.
 *
 * <ul>
 *   <li>{@code fullReload}: a new commit, a reconciler with an empty parse cache: fetch + resolve,
 *       read every file, parse, check and compile all of them.</li>
 *   <li>{@code incrementalReload}: a commit that changes 10 files, the parse cache of the previous
 *       passes: only those 10 are parsed again; the rest of the pass is unchanged. With
 *       {@code sink=translate} it includes the xDS translation that {@code gitmesh run} does for every
 *       applied revision ({@link TranslatingSink}).</li>
 *   <li>{@code noOpPoll}: nothing new: fetch + resolve, the commit already applied.</li>
 * </ul>
 *
 * Except with {@code sink=translate}, passes publish to a sink that does nothing: xDS translation,
 * serialization and pushes are not measured. Commits are made before each pass, outside the measured
 * time. A pass that fetches is timed once per iteration ({@code SingleShotTime}), so that a trial
 * makes a known number of fetches ({@value #WARMUP_PASSES} + {@value #MEASURED_PASSES}); JMH prints
 * their mean, and its JSON result ({@code -rf json}) their percentiles. The {@value #WARMUP_PASSES} warm-up
 * passes are what "warm" means in G2: after 15 the JIT had not yet compiled the compiler's loops, and an
 * incremental pass took about 1.6 times as long (a control plane makes a pass per commit for days).
 * {@link ReloadBreakdownBenchmark} measures the steps of a pass one by one. Run:
 * {@code bench/run ReloadBenchmark}.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = ReloadBenchmark.WARMUP_PASSES)
@Measurement(iterations = ReloadBenchmark.MEASURED_PASSES)
@Fork(value = 1, jvmArgsAppend = "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn")
public class ReloadBenchmark {
    static final int CHANGED_FILES = 10;
    static final int WARMUP_PASSES = 100;
    static final int MEASURED_PASSES = 50;
    private static final MeshSink DISCARD = revision -> { };

    /**
     * The repository, created once per trial, and the reconciler under test. {@code earlierCommits}:
     * how many commits the source has fetched before the trial (60: its cache has been through JGit's
     * automatic gc, which repacks once more than 50 packs pile up, one per fetch). A trial makes
     * {@value #WARMUP_PASSES} + {@value #MEASURED_PASSES} fetches, so one measured pass or so includes a
     * repack: it shows in the top percentiles, not in the median.
     */
    @State(Scope.Benchmark)
    public abstract static class Followed {
        @Param({"2000"})
        public int services;
        @Param({"0", "60"})
        public int earlierCommits;
        FollowedRepository repository;
        Reconciler reconciler;

        @Setup(Level.Trial)
        public void createRepository() {
            repository = FollowedRepository.create(services);
            repository.followCommits(earlierCommits);
            started();
        }

        /** After the repository exists, before the first invocation. */
        abstract void started();

        @TearDown(Level.Trial)
        public void close() {
            repository.close();
        }
    }

    /** A new commit and a new reconciler with an empty parse cache before every pass. */
    public static class FullReload extends Followed {
        @Override
        void started() {
        }

        @Setup(Level.Iteration)
        public void commitAndForget() {
            repository.commitSplitChanges(1);
            reconciler = repository.reconciler(FollowedRepository.runCompiler(), DISCARD);
        }
    }

    /**
     * One reconciler throughout; a commit of {@value #CHANGED_FILES} changed files before every pass.
     * {@code sink}: {@code discard} publishes nowhere, {@code translate} to a {@link TranslatingSink}.
     */
    public static class IncrementalReload extends Followed {
        @Param({"discard", "translate"})
        public String sink;

        @Override
        void started() {
            reconciler = repository.reconciler(FollowedRepository.runCompiler(),
                    sink.equals("translate") ? new TranslatingSink() : DISCARD);
            applied(reconciler.reconcile());
        }

        @Setup(Level.Iteration)
        public void commit() {
            repository.commitSplitChanges(CHANGED_FILES);
        }
    }

    /** One reconciler that has applied the only commit there is. */
    public static class NoOpPoll extends Followed {
        @Override
        void started() {
            reconciler = repository.reconciler(FollowedRepository.runCompiler(), DISCARD);
            applied(reconciler.reconcile());
        }
    }

    @Benchmark
    public Outcome fullReload(FullReload state) {
        return applied(state.reconciler.reconcile());
    }

    @Benchmark
    public Outcome incrementalReload(IncrementalReload state) {
        return applied(state.reconciler.reconcile());
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @Warmup(iterations = 5, time = 2)
    @Measurement(iterations = 5, time = 2)
    public Outcome noOpPoll(NoOpPoll state) {
        Outcome outcome = state.reconciler.reconcile();
        if (!(outcome instanceof Outcome.Unchanged)) {
            throw new IllegalStateException("a poll with nothing new gave " + outcome);
        }
        return outcome;
    }

    /** A pass that did not apply its commit measured something else: stop the run. */
    private static Outcome applied(Outcome outcome) {
        if (!(outcome instanceof Outcome.Applied)) {
            throw new IllegalStateException("the pass did not apply its commit: " + outcome);
        }
        return outcome;
    }
}
