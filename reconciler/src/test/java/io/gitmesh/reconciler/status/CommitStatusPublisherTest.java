package io.gitmesh.reconciler.status;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.gitmesh.reconciler.git.SecretReader;
import io.gitmesh.reconciler.loop.Outcome;
import io.gitmesh.reconciler.source.Secret;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Commit statuses posted to an in-process HTTP server standing in for GitHub and GitLab. */
class CommitStatusPublisherTest {
    private static final String TOKEN = "ghp_s3cr3t-token-value";
    private static final Duration WAIT = Duration.ofSeconds(10);

    record Recorded(String method, String path, Map<String, List<String>> headers, String body) { }

    @TempDir
    Path tmp;
    private HttpServer server;
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger answer = new AtomicInteger(201);
    private CommitStatusPublisher publisher;

    @BeforeEach
    void server() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.add(new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    Map.copyOf(exchange.getRequestHeaders()),
                    new String(exchange.getRequestBody().readAllBytes(), UTF_8)));
            exchange.sendResponseHeaders(answer.get(), -1);
            exchange.close();
        });
        server.start();
        Files.writeString(tmp.resolve("token"), TOKEN + "\n");
    }

    @AfterEach
    void stop() {
        if (publisher != null) {
            publisher.close();
        }
        server.stop(0);
    }

    @Test
    void postsAnAppliedCommitToGitHubAsSuccess() {
        start(new GitHost.GitHub(api(), "acme", "mesh-policy"));

        pass(StatusFixtures.applied('a'));

        await().atMost(WAIT).until(() -> requests.size() == 1);
        Recorded request = requests.getFirst();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/repos/acme/mesh-policy/statuses/" + "a".repeat(40));
        assertThat(request.headers().get("Authorization")).containsExactly("Bearer " + TOKEN);
        assertThat(request.headers().get("Accept")).containsExactly("application/vnd.github+json");
        assertThat(request.body()).isEqualTo("{\"state\":\"success\",\"context\":\"gitmesh\","
                + "\"description\":\"applied commit aaaaaaa \\\"change a\\\"\"}");
    }

    @Test
    void postsARefusedCommitToGitLabAsFailedWithTheFirstError() {
        start(new GitHost.GitLab(api(), "acme/mesh-policy"));

        pass(StatusFixtures.refused('b'));

        await().atMost(WAIT).until(() -> requests.size() == 1);
        Recorded request = requests.getFirst();
        assertThat(request.path()).isEqualTo("/projects/acme%2Fmesh-policy/statuses/" + "b".repeat(40));
        assertThat(request.headers().get("Private-token")).containsExactly(TOKEN);
        assertThat(request.body()).startsWith("{\"state\":\"failed\",\"name\":\"gitmesh\",\"description\":"
                + "\"refused commit bbbbbbb: 2 errors, the first policy/routes.yaml:8:7: error:");
    }

    @Test
    void postsOnlyFinalOutcomesAndEachOnce() {
        start(new GitHost.GitHub(api(), "acme", "mesh-policy"));

        pass(StatusFixtures.fetchFailed());
        pass(StatusFixtures.refused('b'));
        pass(StatusFixtures.refused('b'));
        pass(new Outcome.Unchanged(StatusFixtures.commit('b')));
        pass(StatusFixtures.applied('c'));

        await().atMost(WAIT).until(() -> requests.size() == 2);
        pass(StatusFixtures.applied('c'));
        pass(new Outcome.Unchanged(StatusFixtures.commit('c')));
        pass(StatusFixtures.applied('d')); // posts run in order: a repeat of c would come before d

        await().atMost(WAIT).until(() -> requests.size() == 3);
        assertThat(requests).extracting(Recorded::path).containsExactly(
                "/repos/acme/mesh-policy/statuses/" + "b".repeat(40),
                "/repos/acme/mesh-policy/statuses/" + "c".repeat(40),
                "/repos/acme/mesh-policy/statuses/" + "d".repeat(40));
    }

    @Test
    void aFailedPostIsTriedAgainOnTheNextPassAndNeverShowsTheToken() {
        start(new GitHost.GitHub(api(), "acme", "mesh-policy"));
        answer.set(401);

        pass(StatusFixtures.applied('a'));

        await().atMost(WAIT).until(() -> publisher.lastFailure().isPresent());
        assertThat(publisher.lastFailure().get()).isEqualTo("commit status for aaaaaaa not posted: the git host "
                + "answered HTTP 401 (check the token in file " + tmp.resolve("token") + " and its scope)")
                .doesNotContain(TOKEN);
        answer.set(201);
        pass(new Outcome.Unchanged(StatusFixtures.commit('a')));
        await().atMost(WAIT).until(() -> requests.size() == 2 && publisher.lastFailure().isEmpty());
    }

    @Test
    void aMissingTokenIsReportedWithoutPosting() throws IOException {
        Files.delete(tmp.resolve("token"));
        start(new GitHost.GitHub(api(), "acme", "mesh-policy"));

        pass(StatusFixtures.applied('a'));

        await().atMost(WAIT).until(() -> publisher.lastFailure().isPresent());
        assertThat(publisher.lastFailure().get()).contains("the credential in file " + tmp.resolve("token")
                + " cannot be read");
        assertThat(requests).isEmpty();
    }

    @Test
    void anInactivePublisherPostsTheLatestFinalOutcomeWhenStarted() {
        publisher = new CommitStatusPublisher(new GitHost.GitHub(api(), "acme", "mesh-policy"),
                new Secret.FromFile(tmp.resolve("token")), new SecretReader(name -> null), HttpClient.newHttpClient());
        pass(StatusFixtures.applied('a'));
        pass(StatusFixtures.refused('b'));
        assertThat(requests).isEmpty();

        publisher.start();

        await().atMost(WAIT).until(() -> requests.size() == 1);
        assertThat(requests.getFirst().path()).endsWith("b".repeat(40));
    }

    private void start(GitHost host) {
        publisher = new CommitStatusPublisher(host, new Secret.FromFile(tmp.resolve("token")),
                new SecretReader(name -> null), HttpClient.newHttpClient());
        publisher.start();
    }

    private void pass(Outcome outcome) {
        publisher.passed(outcome, Optional.empty());
    }

    private URI api() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }
}
