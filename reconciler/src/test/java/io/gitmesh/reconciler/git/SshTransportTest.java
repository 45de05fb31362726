package io.gitmesh.reconciler.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitmesh.reconciler.gittest.GitSshServer;
import io.gitmesh.reconciler.gittest.TestRemote;
import io.gitmesh.reconciler.gittest.TestRemote.Snapshot;
import io.gitmesh.reconciler.source.Credentials;
import io.gitmesh.reconciler.source.GitRepositoryConfig;
import io.gitmesh.reconciler.source.GitSourceException;
import io.gitmesh.reconciler.source.Reference;
import io.gitmesh.schema.Limits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The git source over ssh (JGit's Apache MINA sshd transport) against a real sshd server. */
class SshTransportTest {
    @TempDir
    static Path temp;
    private static TestRemote remote;
    private static GitSshServer server;
    private static Path clientKey;
    private static ObjectId head;

    @BeforeAll
    static void startServer() {
        remote = TestRemote.create(temp.resolve("remote.git"));
        head = remote.commit("main", "First", Snapshot.of("a.yaml", "a: 1\n"));
        KeyPair client = GitSshServer.newKey();
        clientKey = GitSshServer.writePrivateKey(client, temp.resolve("id_ecdsa"));
        server = GitSshServer.serve(remote.repository(), client);
    }

    @AfterAll
    static void stopServer() {
        server.close();
        remote.close();
    }

    private static JGitSource source(Path key, String knownHosts, String cache) throws Exception {
        Path knownHostsFile = Files.writeString(temp.resolve("known_hosts-" + cache), knownHosts);
        GitRepositoryConfig config = GitRepositoryConfig.of(server.url(), new Reference.Branch("main"))
                .withCredentials(new Credentials.SshKey(key, knownHostsFile))
                .withTimeout(Duration.ofSeconds(10));
        return new JGitSource(config, temp.resolve(cache), Limits.DEFAULT);
    }

    @Test
    void fetchesWithAKeyFromAHostInTheKnownHostsFile() throws Exception {
        try (JGitSource source = source(clientKey, server.knownHostsLine(), "known")) {
            assertThat(source.resolve(Optional.empty()).id().hex()).isEqualTo(head.name());
        }
    }

    @Test
    void refusesAHostThatIsNotInTheKnownHostsFile() throws Exception {
        try (JGitSource source = source(clientKey, "# nothing trusted yet\n", "unknown")) {
            assertThatThrownBy(() -> source.resolve(Optional.empty()))
                    .isInstanceOfSatisfying(GitSourceException.class,
                            e -> assertThat(e.kind()).isEqualTo(GitSourceException.Kind.USER_MUST_FIX))
                    .hasMessageContaining("host [127.0.0.1]:" + server.port() + " is not in the known_hosts file "
                            + temp.resolve("known_hosts-unknown"))
                    .hasMessageContaining("add the host's key");
        }
    }

    @Test
    void refusesAHostWhoseKeyChanged() throws Exception {
        try (JGitSource source = source(clientKey, server.knownHostsLine(GitSshServer.newKey()), "changed")) {
            assertThatThrownBy(() -> source.resolve(Optional.empty()))
                    .hasMessageContaining("which differs from its key in the known_hosts file")
                    .hasMessageContaining("the host key changed or the connection is intercepted");
        }
    }

    @Test
    void aKeyTheServerDoesNotAcceptIsForTheUserToFix() throws Exception {
        Path stranger = GitSshServer.writePrivateKey(GitSshServer.newKey(), temp.resolve("id_stranger"));
        try (JGitSource source = source(stranger, server.knownHostsLine(), "stranger")) {
            assertThatThrownBy(() -> source.resolve(Optional.empty()))
                    .isInstanceOfSatisfying(GitSourceException.class,
                            e -> assertThat(e.kind()).isEqualTo(GitSourceException.Kind.USER_MUST_FIX))
                    .hasMessageContaining("the server refused the ssh key " + stranger);
        }
    }
}
