package io.gitmesh.reconciler.git;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitmesh.reconciler.gittest.GitHttpServer;
import io.gitmesh.reconciler.gittest.TestRemote;
import io.gitmesh.reconciler.gittest.TestRemote.Snapshot;
import io.gitmesh.reconciler.source.Ancestry;
import io.gitmesh.reconciler.source.Credentials;
import io.gitmesh.reconciler.source.GitRepositoryConfig;
import io.gitmesh.reconciler.source.GitSourceException;
import io.gitmesh.reconciler.source.Reference;
import io.gitmesh.reconciler.source.ResolvedCommit;
import io.gitmesh.reconciler.source.Secret;
import io.gitmesh.schema.Limits;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The git source over smart HTTP against a real server (JGit's GitServlet on Jetty), with and
 * without credentials. Logs are captured at DEBUG for JGit and gitmesh (see simplelogger.properties)
 * to show that no secret reaches them.
 */
class HttpTransportTest {
    private static final String PASSWORD = "s3cret-Pa55word-7c1e";
    private static final String WRONG_PASSWORD = "wr0ng-Pa55word-99ab";
    private static final String TOKEN = "ghp_T0kenValue1234567890abcdef";
    private static final Snapshot FILES = Snapshot.of("a.yaml", "a: 1\n");

    @TempDir
    Path temp;
    private TestRemote remote;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private PrintStream originalErr;

    @BeforeEach
    void captureLogs() {
        remote = TestRemote.create(temp.resolve("remote.git"));
        originalErr = System.err;
        System.setErr(new PrintStream(new TeeStream(originalErr, log), true, UTF_8));
    }

    @AfterEach
    void restoreLogs() {
        System.setErr(originalErr);
        remote.close();
    }

    private String logged() {
        return log.toString(UTF_8);
    }

    private JGitSource source(GitRepositoryConfig config, Map<String, String> environment) {
        return new JGitSource(config, temp.resolve("cache"), Limits.DEFAULT, environment::get);
    }

    private Path passwordFile(String password) throws Exception {
        return Files.writeString(temp.resolve("password-" + password.length()), password + "\n");
    }

    @Test
    void clonesAndFetchesOverHttp() throws Exception {
        ObjectId first = remote.commit("main", "First", FILES);
        try (GitHttpServer server = GitHttpServer.serve(remote.repository());
                JGitSource source = source(GitRepositoryConfig.of(server.url(), new Reference.Branch("main")), Map.of())) {
            assertThat(source.resolve(Optional.empty()).id().hex()).isEqualTo(first.name());
            ObjectId second = remote.commit("main", "Second", FILES.with("b.yaml", "b: 1\n"));
            ResolvedCommit next = source.resolve(Optional.of(new io.gitmesh.reconciler.source.CommitId(first.name())));
            assertThat(next.id().hex()).isEqualTo(second.name());
            assertThat(next.ancestry()).isEqualTo(Ancestry.DESCENDANT);
        }
    }

    @Test
    void authenticatesWithBasicCredentialsAndNeverLogsThePassword() throws Exception {
        ObjectId first = remote.commit("main", "First", FILES);
        try (GitHttpServer server = GitHttpServer.serve(remote.repository(), GitHttpServer.basic("deploy", PASSWORD))) {
            GitRepositoryConfig config = GitRepositoryConfig.of(server.url(), new Reference.Branch("main"))
                    .withCredentials(new Credentials.HttpBasic("deploy", new Secret.FromFile(passwordFile(PASSWORD))));
            try (JGitSource source = source(config, Map.of())) {
                assertThat(source.resolve(Optional.empty()).id().hex()).isEqualTo(first.name());
                assertThat(source.toString()).doesNotContain(PASSWORD);
            }
            assertThat(config.toString()).doesNotContain(PASSWORD);
        }
        assertThat(logged()).contains("resolved repository=").contains("DEBUG org.eclipse.jgit");
        assertThat(logged()).doesNotContain(PASSWORD);
    }

    @Test
    void aWrongPasswordIsForTheUserToFixAndAppearsNowhere() throws Exception {
        remote.commit("main", "First", FILES);
        try (GitHttpServer server = GitHttpServer.serve(remote.repository(), GitHttpServer.basic("deploy", PASSWORD))) {
            Path file = passwordFile(WRONG_PASSWORD);
            GitRepositoryConfig config = GitRepositoryConfig.of(server.url(), new Reference.Branch("main"))
                    .withCredentials(new Credentials.HttpBasic("deploy", new Secret.FromFile(file)));
            try (JGitSource source = source(config, Map.of())) {
                assertThatThrownBy(() -> source.resolve(Optional.empty()))
                        .isInstanceOfSatisfying(GitSourceException.class, e -> {
                            assertThat(e.kind()).isEqualTo(GitSourceException.Kind.USER_MUST_FIX);
                            assertThat(e.getCause()).isNull();
                            assertThat(e.getStackTrace()).isEmpty();
                        })
                        .hasMessage("cannot fetch " + server.url() + ": the server refused user deploy with the"
                                + " password from file " + file + "; check the credentials");
            }
            assertThat(server.requests()).isPositive();
        }
        assertThat(logged()).contains("fetch failed repository=").doesNotContain(WRONG_PASSWORD).doesNotContain(PASSWORD);
    }

    @Test
    void withoutCredentialsAProtectedRepositoryIsForTheUserToFix() throws Exception {
        remote.commit("main", "First", FILES);
        try (GitHttpServer server = GitHttpServer.serve(remote.repository(), GitHttpServer.basic("deploy", PASSWORD));
                JGitSource source = source(GitRepositoryConfig.of(server.url(), new Reference.Branch("main")), Map.of())) {
            assertThatThrownBy(() -> source.resolve(Optional.empty()))
                    .isInstanceOfSatisfying(GitSourceException.class,
                            e -> assertThat(e.kind()).isEqualTo(GitSourceException.Kind.USER_MUST_FIX))
                    .hasMessage("cannot fetch " + server.url() + ": the server asks for credentials and none are configured");
        }
    }

    @Test
    void sendsABearerTokenReadFromTheEnvironment() throws Exception {
        ObjectId first = remote.commit("main", "First", FILES);
        try (GitHttpServer server = GitHttpServer.serve(remote.repository(), GitHttpServer.bearer(TOKEN))) {
            GitRepositoryConfig config = GitRepositoryConfig.of(server.url(), new Reference.Branch("main"))
                    .withCredentials(new Credentials.HttpBearer(new Secret.FromEnvironment("GIT_TOKEN")));
            try (JGitSource source = source(config, Map.of("GIT_TOKEN", TOKEN))) {
                assertThat(source.resolve(Optional.empty()).id().hex()).isEqualTo(first.name());
            }
            try (JGitSource unset = new JGitSource(config, temp.resolve("cache-unset"), Limits.DEFAULT, name -> null)) {
                assertThatThrownBy(() -> unset.resolve(Optional.empty()))
                        .isInstanceOfSatisfying(GitSourceException.class,
                                e -> assertThat(e.kind()).isEqualTo(GitSourceException.Kind.USER_MUST_FIX))
                        .hasMessage("the credential in environment variable GIT_TOKEN is missing or empty");
            }
        }
        assertThat(logged()).doesNotContain(TOKEN);
    }

    @Test
    void anUnknownRepositoryOnTheServerIsForTheUserToFix() throws Exception {
        remote.commit("main", "First", FILES);
        try (GitHttpServer server = GitHttpServer.serve(remote.repository())) {
            String url = server.url().replace("repo.git", "other.git");
            try (JGitSource source = source(GitRepositoryConfig.of(url, new Reference.Branch("main")), Map.of())) {
                assertThatThrownBy(() -> source.resolve(Optional.empty()))
                        .isInstanceOfSatisfying(GitSourceException.class,
                                e -> assertThat(e.kind()).isEqualTo(GitSourceException.Kind.USER_MUST_FIX))
                        .hasMessageContaining("there is no git repository there");
            }
        }
    }

    @Test
    void anUnreachableHostIsTransient() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort + "/git/repo.git";
        GitRepositoryConfig config = GitRepositoryConfig.of(url, new Reference.Branch("main")).withTimeout(Duration.ofSeconds(5));
        try (JGitSource source = source(config, Map.of())) {
            assertThatThrownBy(() -> source.resolve(Optional.empty()))
                    .isInstanceOfSatisfying(GitSourceException.class, e -> assertThat(e.isTransient()).isTrue())
                    .hasMessageStartingWith("cannot reach " + url + " (")
                    .hasMessageEndingWith("); will retry");
        }
    }

    /** Writes to the real stream and to a capture. */
    private static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream first;
        private final java.io.OutputStream second;

        TeeStream(java.io.OutputStream first, java.io.OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws java.io.IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws java.io.IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }
    }
}
