package io.gitmesh.app.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.gitmesh.app.cli.TestCompilers;
import io.gitmesh.reconciler.files.DirectoryGitSource;
import io.gitmesh.reconciler.files.DirectorySource;
import io.gitmesh.reconciler.source.PolicyPaths;
import io.gitmesh.reconciler.source.Secret;
import io.gitmesh.reconciler.status.GitHost;
import io.gitmesh.schema.Limits;
import io.gitmesh.schema.SourceFiles;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gitmesh run --commit-status}: each revision's final outcome posted to the git host's status API. */
class CommitStatusRunTest {
    @TempDir
    Path tmp;
    private final List<String> posted = new CopyOnWriteArrayList<>();
    private HttpServer gitHost;
    private ControlPlane plane;

    @BeforeEach
    void gitHost() throws IOException {
        gitHost = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gitHost.createContext("/", exchange -> {
            posted.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(201, -1);
            exchange.close();
        });
        gitHost.start();
    }

    @AfterEach
    void stop() {
        if (plane != null) {
            plane.close();
        }
        gitHost.stop(0);
    }

    @Test
    void anAppliedAndARefusedCommitArePostedAsSuccessAndFailure() throws IOException {
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        Files.writeString(repo.resolve("split.yaml"), EchoMesh.SPLIT.formatted(100, 0));
        Files.writeString(tmp.resolve("token"), "t0ken\n");
        plane = ControlPlane.start(new ControlPlane.Settings(new InetSocketAddress("127.0.0.1", 0),
                        new InetSocketAddress("127.0.0.1", 0), Duration.ofHours(1), XdsSecurity.insecure(),
                        Optional.empty()).withCommitStatus(new ControlPlane.CommitStatus(new GitHost.GitHub(
                        URI.create("http://127.0.0.1:" + gitHost.getAddress().getPort()), "platform", "mesh-policy"),
                        new Secret.FromFile(tmp.resolve("token")))),
                new DirectoryGitSource(repo, new DirectorySource(Limits.DEFAULT), Clock.systemUTC()),
                PolicyPaths.WHOLE_TREE, () -> new SourceFiles(List.of(), List.of()), TestCompilers.continuous());
        String applied = plane.reconciler().status().lastApplied().orElseThrow().id().hex();

        await().atMost(Duration.ofSeconds(10)).until(() -> posted.size() == 1);
        assertThat(posted.getFirst()).startsWith("POST /repos/platform/mesh-policy/statuses/" + applied
                + " Bearer t0ken ").contains("\"state\":\"success\"", "\"context\":\"gitmesh\"");

        Files.writeString(repo.resolve("split.yaml"), EchoMesh.SPLIT.formatted(100, 0).replace("weight: 0", "weight: x"));
        plane.trigger();
        await().atMost(Duration.ofSeconds(10)).until(() -> posted.size() == 2);
        assertThat(posted.get(1)).contains("\"state\":\"failure\"", "split.yaml:");
    }
}
