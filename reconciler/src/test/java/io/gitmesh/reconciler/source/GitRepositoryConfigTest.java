package io.gitmesh.reconciler.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.gitmesh.reconciler.source.GitRepositoryConfig.Transport;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GitRepositoryConfigTest {
    private static final Reference MAIN = new Reference.Branch("main");
    private static final Credentials BASIC = new Credentials.HttpBasic("deploy", new Secret.FromEnvironment("GIT_PASSWORD"));
    private static final Credentials SSH = new Credentials.SshKey(Path.of("/keys/id"), Path.of("/keys/known_hosts"));

    static Stream<Arguments> transports() {
        return Stream.of(
                arguments("https", "https://github.com/org/policy.git", Transport.HTTPS),
                arguments("http", "http://git.local/policy.git", Transport.HTTP),
                arguments("ssh URL", "ssh://git@github.com/org/policy.git", Transport.SSH),
                arguments("scp-like", "git@github.com:org/policy.git", Transport.SSH),
                arguments("file URL", "file:///srv/git/policy.git", Transport.LOCAL),
                arguments("absolute path", "/srv/git/policy.git", Transport.LOCAL),
                arguments("relative path", "policy", Transport.LOCAL));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void tellsTheTransportFromTheUrl(String name, String url, Transport transport) {
        assertThat(GitRepositoryConfig.of(url, MAIN).transport()).isEqualTo(transport);
    }

    static Stream<Arguments> misfits() {
        return Stream.of(
                arguments("basic over a remote http URL", "http://git.example.com/p.git", BASIC,
                        "HTTP credentials would cross the network in clear text; use an https:// URL"),
                arguments("basic over ssh", "ssh://git@host/p.git", BASIC,
                        "HTTP credentials are given but the repository URL is not an https:// URL"),
                arguments("ssh key over https", "https://host/p.git", SSH,
                        "an ssh key is given but the repository URL is not an ssh URL"),
                arguments("unknown scheme", "ftp://host/p.git", new Credentials.None(),
                        "unsupported repository URL scheme \"ftp\" (use https, http, ssh or file)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("misfits")
    void refusesCredentialsThatDoNotFitTheUrl(String name, String url, Credentials credentials, String message) {
        assertThatThrownBy(() -> GitRepositoryConfig.of(url, MAIN).withCredentials(credentials))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void allowsCredentialsOverPlainHttpToLoopbackOnly() {
        assertThat(GitRepositoryConfig.of("http://127.0.0.1:8080/p.git", MAIN).withCredentials(BASIC).credentials())
                .isEqualTo(BASIC);
    }

    @Test
    void refusesAPasswordInTheUrlWithoutRepeatingIt() {
        assertThatThrownBy(() -> GitRepositoryConfig.of("https://deploy:hunter2@github.com/org/p.git", MAIN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("carries a password")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void printsWhereSecretsAreNeverWhatTheyAre() {
        GitRepositoryConfig config = GitRepositoryConfig.of("https://github.com/org/p.git", MAIN)
                .withCredentials(new Credentials.HttpBearer(new Secret.FromFile(Path.of("/run/secrets/token"))));
        assertThat(config.toString()).contains("file /run/secrets/token");
    }

    @Test
    void rejectsReferenceNamesGitWouldNot() {
        assertThatThrownBy(() -> new Reference.Branch("refs/heads/main")).hasMessageContaining("give the short name");
        assertThatThrownBy(() -> new Reference.Tag("v1..2")).hasMessageContaining("not a valid tag name");
        assertThatThrownBy(() -> new Reference.Pinned("abc")).hasMessageContaining("7 to 40 lowercase hex digits");
    }
}
