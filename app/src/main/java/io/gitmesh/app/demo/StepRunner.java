package io.gitmesh.app.demo;

import io.gitmesh.reconciler.loop.Outcome;
import io.gitmesh.schema.Diagnostic;
import io.gitmesh.xds.ProxyConfig;
import io.gitmesh.xds.SnapshotGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Runs a step on the demo's mesh as a user would: commit, push (the webhook), then watch. The step is
 * done once gitmesh has judged the commit as the step expects (applied or refused) and the callers'
 * traffic has converged on the step's expectation (see {@link Convergence}); it fails when that takes
 * longer than the timeout. After a revert to the first commit, gitmesh must also serve the very config
 * (the same xDS versions) it served for the first commit.
 */
final class StepRunner {
    private static final long TICK_MILLIS = 20;
    private static final long RECENT_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final DemoMesh mesh;
    private final long timeoutNanos;
    private final int window;
    private SortedMap<String, String> firstVersions = new TreeMap<>();

    /**
     * @param timeoutMillis how long a step may take, from the push until traffic has converged
     * @param window        how many calls per caller must follow a change before it counts as converged
     */
    StepRunner(DemoMesh mesh, long timeoutMillis, int window) {
        this.mesh = mesh;
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        this.window = window;
    }

    StepResult run(int number, Step step) {
        BlockingQueue<CallOutcome> queue = mesh.recorder().watch();
        try {
            long changedAt = System.nanoTime();
            RevCommit commit = switch (step.change()) {
                case Step.Change.FirstCommit first -> {
                    changedAt = mesh.callersStartedAt();
                    yield mesh.repository().first();
                }
                case Step.Change.Commit edit -> mesh.repository().commit(edit.subject(), edit.edits());
                case Step.Change.RevertToFirst revert -> mesh.repository().revertAllButFirst();
            };
            if (!(step.change() instanceof Step.Change.FirstCommit)) {
                mesh.webhook().pushed(DemoRepository.BRANCH, commit.name());
            }
            return watch(number, step, commit, changedAt, queue);
        } finally {
            mesh.recorder().stopWatching();
        }
    }

    private StepResult watch(int number, Step step, RevCommit commit, long changedAt,
            BlockingQueue<CallOutcome> queue) {
        List<CallOutcome> calls = new ArrayList<>();
        Optional<Outcome> verdict = Optional.empty();
        Optional<Long> judgedAt = Optional.empty();
        Optional<Convergence.Verdict> converged = Optional.empty();
        long deadline = changedAt + timeoutNanos;
        while (System.nanoTime() < deadline && (converged.isEmpty() || !followsExpectedConfig(step))) {
            poll(queue, calls);
            if (verdict.isEmpty()) {
                verdict = verdictOn(commit);
                if (verdict.isPresent()) {
                    judgedAt = Optional.of(System.nanoTime());
                }
            }
            if (verdict.isPresent() && !judgedAsExpected(step, verdict.get())) {
                break;
            }
            if (verdict.isPresent()) {
                converged = Convergence.check(calls, step.expected(), changedAt, window);
            }
        }
        SortedMap<String, String> versions = servedVersions();
        if (step.change() instanceof Step.Change.FirstCommit) {
            firstVersions = versions;
        }
        boolean done = converged.isPresent() && followsExpectedConfig(step);
        long start = changedAt;
        return new StepResult(number, step.title(), commit.abbreviate(7).name() + " " + commit.getShortMessage(),
                verdict.map(StepRunner::word).orElse("no answer"), verdict.map(StepRunner::errors).orElse(List.of()),
                step.expected().describe() + (step.refused() ? " (commit refused)" : ""),
                judgedAt.filter(at -> !(step.change() instanceof Step.Change.FirstCommit))
                        .map(at -> millis(at - start)),
                converged.filter(c -> done).map(c -> millis(c.convergedAtNanos() - start)),
                converged.map(Convergence.Verdict::window).orElseGet(() -> recent(calls, step.expected())), versions);
    }

    /** After a revert to the first commit, the served versions must be the first commit's again. */
    private boolean followsExpectedConfig(Step step) {
        return !(step.change() instanceof Step.Change.RevertToFirst) || servedVersions().equals(firstVersions);
    }

    private static boolean judgedAsExpected(Step step, Outcome verdict) {
        return verdict instanceof Outcome.Refused == step.refused();
    }

    private Optional<Outcome> verdictOn(RevCommit commit) {
        return mesh.controlPlane().reconciler().status().lastOutcome().filter(outcome -> switch (outcome) {
            case Outcome.Applied applied -> applied.commit().id().hex().equals(commit.name());
            case Outcome.Unchanged unchanged -> unchanged.commit().id().hex().equals(commit.name());
            case Outcome.Refused refused -> refused.commit().id().hex().equals(commit.name());
            case Outcome.SourceFailed failed -> false;
        });
    }

    private SortedMap<String, String> servedVersions() {
        SortedMap<String, String> versions = new TreeMap<>();
        for (Map.Entry<SnapshotGroup, ProxyConfig> served : mesh.controlPlane().served().entrySet()) {
            versions.put(served.getKey().id(), served.getValue().version());
        }
        return versions;
    }

    private static void poll(BlockingQueue<CallOutcome> queue, List<CallOutcome> calls) {
        try {
            CallOutcome first = queue.poll(TICK_MILLIS, TimeUnit.MILLISECONDS);
            if (first != null) {
                calls.add(first);
                queue.drainTo(calls);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The expected callers' calls of the last two seconds: what traffic looked like when a step did not converge. */
    private static SortedMap<String, SortedMap<String, Long>> recent(List<CallOutcome> calls,
            TrafficExpectation expected) {
        long since = System.nanoTime() - RECENT_NANOS;
        return Convergence.counts(calls.stream()
                .filter(call -> call.nanos() >= since && expected.percents().containsKey(call.caller()))
                .toList());
    }

    private static String word(Outcome outcome) {
        return outcome instanceof Outcome.Refused ? "refused" : "applied";
    }

    private static List<String> errors(Outcome outcome) {
        return outcome instanceof Outcome.Refused refused
                ? refused.errors().stream().map(Diagnostic::toText).toList()
                : List.of();
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
