package io.gitmesh.reconciler.status;

import io.gitmesh.reconciler.git.SecretReader;
import io.gitmesh.reconciler.loop.AppliedSources;
import io.gitmesh.reconciler.loop.Outcome;
import io.gitmesh.reconciler.loop.RevisionListener;
import io.gitmesh.reconciler.source.GitSourceException;
import io.gitmesh.reconciler.source.Secret;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts each commit's final outcome (applied: success; refused: failure, with the first error) as a
 * commit status on the git host, once per commit and outcome. A failed post is tried again on the
 * next pass. The token is read from its {@link Secret} for each post and appears only in the
 * request header: never in a log line, an exception or {@link #lastFailure()}. Posts happen on a
 * thread of their own, only while started (on the leader); a final outcome reported meanwhile is
 * posted on start.
 */
public final class CommitStatusPublisher implements RevisionListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CommitStatusPublisher.class);

    private final GitHost host;
    private final Secret token;
    private final SecretReader secrets;
    private final HttpClient http;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon()
            .name("gitmesh-commit-status").factory());

    private volatile boolean active;
    private volatile OutcomeReport latest;
    private volatile String posted = "";
    private volatile Optional<String> lastFailure = Optional.empty();

    public CommitStatusPublisher(GitHost host, Secret token, SecretReader secrets, HttpClient http) {
        this.host = Objects.requireNonNull(host, "host");
        this.token = Objects.requireNonNull(token, "token");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.http = Objects.requireNonNull(http, "http");
    }

    public void start() {
        active = true;
        submit();
    }

    public void stop() {
        active = false;
    }

    @Override
    public void passed(Outcome outcome, Optional<AppliedSources> applied) {
        OutcomeReport.of(outcome).filter(OutcomeReport::isFinal).ifPresent(report -> latest = report);
        submit();
    }

    /** Why the last post failed, for {@code /status}; empty once a post succeeds. */
    public Optional<String> lastFailure() {
        return lastFailure;
    }

    @Override
    public void close() {
        active = false;
        worker.shutdown();
    }

    private void submit() {
        OutcomeReport report = latest;
        if (active && report != null && !report.identity().equals(posted)) {
            try {
                worker.execute(() -> post(report));
            } catch (RejectedExecutionException closed) {
                LOG.debug("closed; not posting the status of {}", report.identity());
            }
        }
    }

    private void post(OutcomeReport report) {
        if (report.identity().equals(posted) || !active) {
            return;
        }
        String commit = report.commit().orElseThrow().id().hex();
        String abbreviated = report.commit().get().id().abbreviated();
        char[] secret;
        try {
            secret = secrets.read(token);
        } catch (GitSourceException e) {
            failed(abbreviated, e.getMessage());
            return;
        }
        try {
            boolean success = report.reason() == OutcomeReport.Reason.Applied;
            HttpResponse<Void> response = http.send(host.request(commit, success, report.note(), new String(secret)),
                    HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 == 2) {
                posted = report.identity();
                lastFailure = Optional.empty();
                LOG.info("commit status posted commit={} reason={} host={}", abbreviated, report.reason(),
                        response.uri().getHost());
            } else {
                failed(abbreviated, "the git host answered HTTP " + response.statusCode()
                        + (response.statusCode() == 401 || response.statusCode() == 403
                                ? " (check the token in " + token + " and its scope)" : ""));
            }
        } catch (IOException e) {
            failed(abbreviated, "cannot reach the git host (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            Arrays.fill(secret, '\0');
        }
    }

    private void failed(String commit, String why) {
        lastFailure = Optional.of("commit status for " + commit + " not posted: " + why);
        LOG.warn("commit status for commit={} not posted: {}", commit, why);
    }
}
