package io.gitmesh.reconciler.loop;

import io.gitmesh.reconciler.compile.ClusterInput;
import io.gitmesh.reconciler.compile.CompiledRevision;
import io.gitmesh.reconciler.compile.RevisionCompiler;
import io.gitmesh.reconciler.source.Commit;
import io.gitmesh.reconciler.source.CommitId;
import io.gitmesh.reconciler.source.GitSource;
import io.gitmesh.reconciler.source.GitSourceException;
import io.gitmesh.reconciler.source.PolicyPaths;
import io.gitmesh.reconciler.source.ResolvedCommit;
import io.gitmesh.schema.Diagnostic;
import io.gitmesh.schema.SourceFiles;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One reconcile pass: fetch → verify (the source refuses unsigned commits when asked to) → read and
 * validate → compile with the cluster state → publish to the {@link MeshSink} → status. A revision
 * with any error is never published: the last good one stays served and the failure is visible in
 * {@link #status()}, a metric and the log. A source failure (host unreachable) changes nothing
 * that is served. Passes run one at a time.
 */
public final class Reconciler {
    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

    private final GitSource source;
    private final PolicyPaths paths;
    private final Supplier<ClusterInput> clusterState;
    private final RevisionCompiler compiler;
    private final MeshSink sink;
    private final RevisionListener listener;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Timer passTimer;

    private volatile ReconcileStatus status = ReconcileStatus.INITIAL;
    private Optional<CommitId> attempted = Optional.empty();
    private ClusterInput attemptedClusterState;
    private Optional<ResolvedCommit> lastResolved = Optional.empty();

    public Reconciler(GitSource source, PolicyPaths paths, Supplier<ClusterInput> clusterState,
            RevisionCompiler compiler, MeshSink sink, Clock clock, MeterRegistry meters) {
        this(source, paths, clusterState, compiler, sink, (outcome, applied) -> { }, clock, meters);
    }

    /**
     * @param clusterState what stands for the cluster, asked for on every pass
     * @param listener     told each pass's outcome (the writers: cluster mirror, events, commit statuses)
     */
    public Reconciler(GitSource source, PolicyPaths paths, Supplier<ClusterInput> clusterState,
            RevisionCompiler compiler, MeshSink sink, RevisionListener listener, Clock clock, MeterRegistry meters) {
        this.source = Objects.requireNonNull(source, "source");
        this.paths = Objects.requireNonNull(paths, "paths");
        this.clusterState = Objects.requireNonNull(clusterState, "clusterState");
        this.compiler = Objects.requireNonNull(compiler, "compiler");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.meters = Objects.requireNonNull(meters, "meters");
        this.passTimer = Timer.builder("gitmesh.reconcile.duration").description("one reconcile pass")
                .register(meters);
    }

    public ReconcileStatus status() {
        return status;
    }

    /** Runs one pass now, then the source's housekeeping (after what the pass applied is published). */
    public synchronized Outcome reconcile() {
        Outcome outcome = passTimer.record(() -> pass(false));
        source.maintain();
        return outcome;
    }

    /**
     * Runs one pass for a change in the cluster: the commit fetched last is compiled again with the
     * cluster as it is now, without asking the git host (a rollout must not become a burst of fetches).
     * Before any commit was fetched, it is a normal pass.
     */
    public synchronized Outcome reconcileClusterChange() {
        return passTimer.record(() -> pass(true));
    }

    private Outcome pass(boolean clusterChangeOnly) {
        Instant now = clock.instant();
        ResolvedCommit resolved;
        try {
            resolved = clusterChangeOnly && lastResolved.isPresent() ? lastResolved.get()
                    : source.resolve(status.lastApplied().map(Commit::id));
            lastResolved = Optional.of(resolved);
        } catch (GitSourceException e) {
            LOG.warn("fetch failed transient={} reason={}", e.isTransient(), e.getMessage());
            return record(new Outcome.SourceFailed(e.isTransient(), e.getMessage()), now, status.diagnostics(),
                    status.historyRewritten(), Optional.empty());
        }
        Commit commit = resolved.commit();
        if (resolved.historyRewritten()) {
            LOG.warn("history rewritten: commit={} does not descend from the applied commit={}", commit.id().abbreviated(),
                    status.lastApplied().map(c -> c.id().abbreviated()).orElse("-"));
        }
        ClusterInput cluster = clusterState.get();
        if (attempted.equals(Optional.of(commit.id())) && cluster.equals(attemptedClusterState)) {
            Outcome same = status.lastOutcome().filter(o -> o instanceof Outcome.Refused)
                    .orElse(new Outcome.Unchanged(commit));
            return record(same, now, status.diagnostics(), resolved.historyRewritten(), Optional.of(commit));
        }
        attempted = Optional.of(commit.id());
        attemptedClusterState = cluster;
        SourceFiles files;
        try {
            files = source.files(commit.id(), paths);
        } catch (GitSourceException e) {
            LOG.warn("reading commit={} failed transient={} reason={}", commit.id().abbreviated(), e.isTransient(),
                    e.getMessage());
            attempted = Optional.empty();
            return record(new Outcome.SourceFailed(e.isTransient(), e.getMessage()), now, status.diagnostics(),
                    resolved.historyRewritten(), Optional.of(commit));
        }
        CompiledRevision revision = compiler.compile(files, cluster);
        if (!revision.valid()) {
            List<Diagnostic> errors = revision.diagnostics().stream().filter(Diagnostic::isError).toList();
            Diagnostic first = errors.getFirst();
            LOG.warn("refused commit={} errors={} first=\"{}\"; still serving commit={}", commit.id().abbreviated(),
                    errors.size(), first.toText(), status.lastApplied().map(c -> c.id().abbreviated()).orElse("none"));
            return record(new Outcome.Refused(commit, errors), now, revision.diagnostics(),
                    resolved.historyRewritten(), Optional.of(commit));
        }
        AppliedRevision appliedRevision = new AppliedRevision(commit, revision.mesh().orElseThrow(), revision);
        sink.publish(appliedRevision);
        LOG.info("applied commit={} identities={} services={} warnings={}", commit.id().abbreviated(),
                revision.mesh().get().identities().size(), revision.mesh().get().services().size(),
                revision.diagnostics().stream().filter(d -> !d.isError()).count());
        Outcome applied = new Outcome.Applied(commit);
        status = new ReconcileStatus(Optional.of(commit), Optional.of(now), Optional.of(commit), Optional.of(now),
                Optional.of(applied), Optional.of(now), revision.diagnostics(), resolved.historyRewritten(),
                status.passes() + 1);
        count(applied);
        listener.passed(applied, Optional.of(new AppliedSources(appliedRevision, files)));
        return applied;
    }

    private Outcome record(Outcome outcome, Instant now, List<Diagnostic> diagnostics, boolean rewritten,
            Optional<Commit> fetched) {
        ReconcileStatus s = status;
        status = new ReconcileStatus(fetched.or(s::lastFetched), fetched.isPresent() ? Optional.of(now)
                : s.lastFetchedAt(), s.lastApplied(), s.lastAppliedAt(), Optional.of(outcome), Optional.of(now),
                diagnostics, rewritten, s.passes() + 1);
        count(outcome);
        listener.passed(outcome, Optional.empty());
        return outcome;
    }

    private void count(Outcome outcome) {
        meters.counter("gitmesh.reconcile", "outcome", outcome.word()).increment();
    }
}
