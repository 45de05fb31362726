package io.gitmesh.reconciler.git;

import io.gitmesh.reconciler.source.Credentials;
import io.gitmesh.reconciler.source.GitSourceException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.TransportHttp;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

/**
 * How one repository's transport authenticates: HTTP basic or bearer credentials read afresh for
 * every operation, or an ssh key with strict host key checking. Nothing of the user's own setup
 * ({@code ~/.ssh}, an ssh agent, credential helpers) is used, so a server process behaves the same
 * wherever it runs.
 */
final class RemoteAccess implements AutoCloseable {
    private final Credentials credentials;
    private final SecretReader secrets;
    private final Optional<KnownHostsDatabase> knownHosts;
    private final Optional<SshdSessionFactory> ssh;

    /** @param sshHome a directory the ssh client may treat as home; nothing is read from or written to it */
    RemoteAccess(Credentials credentials, SecretReader secrets, Path sshHome) {
        this.credentials = credentials;
        this.secrets = secrets;
        if (credentials instanceof Credentials.SshKey key) {
            KnownHostsDatabase database = new KnownHostsDatabase(key.knownHosts());
            this.knownHosts = Optional.of(database);
            this.ssh = Optional.of(new SshdSessionFactoryBuilder()
                    .setHomeDirectory(sshHome.toFile())
                    .setSshDirectory(sshHome.resolve("ssh").toFile())
                    .setConfigFile(directory -> null)
                    .setDefaultIdentities(directory -> List.of(key.privateKey()))
                    .setDefaultKnownHostsFiles(directory -> List.of(key.knownHosts()))
                    .setServerKeyDatabase((home, directory) -> database)
                    .setPreferredAuthentications("publickey")
                    .setConnectorFactory(null)
                    .build(null));
        } else {
            this.knownHosts = Optional.empty();
            this.ssh = Optional.empty();
        }
    }

    /** Reads the secrets for one operation; close the result to wipe them. */
    Authentication authenticate() throws GitSourceException {
        knownHosts.ifPresent(KnownHostsDatabase::forgetRefusal);
        return switch (credentials) {
            case Credentials.None none -> new Authentication(null, Map.of(), List.of());
            case Credentials.HttpBasic basic -> {
                char[] password = secrets.read(basic.password());
                yield new Authentication(new UsernamePasswordCredentialsProvider(basic.username(), password),
                        Map.of(), List.of(password));
            }
            case Credentials.HttpBearer bearer -> {
                char[] token = secrets.read(bearer.token());
                yield new Authentication(null, Map.of("Authorization", "Bearer " + new String(token)), List.of(token));
            }
            case Credentials.SshKey key -> new Authentication(null, Map.of(), List.of());
        };
    }

    /** Why the ssh host was refused, when it was. */
    Optional<String> hostKeyRefusal() {
        return knownHosts.flatMap(KnownHostsDatabase::lastRefusal);
    }

    boolean hasCredentials() {
        return !(credentials instanceof Credentials.None);
    }

    /** Names the credentials (never their values) for messages. */
    String describe() {
        return switch (credentials) {
            case Credentials.None none -> "anonymous access";
            case Credentials.HttpBasic basic -> "user " + basic.username() + " with the password from " + basic.password();
            case Credentials.HttpBearer bearer -> "the bearer token from " + bearer.token();
            case Credentials.SshKey key -> "the ssh key " + key.privateKey();
        };
    }

    @Override
    public void close() {
        ssh.ifPresent(SshdSessionFactory::close);
    }

    /** The secrets of one operation, applied to a command and wiped on close. */
    final class Authentication implements AutoCloseable {
        private final CredentialsProvider provider;
        private final Map<String, String> headers;
        private final List<char[]> values;

        private Authentication(CredentialsProvider provider, Map<String, String> headers, List<char[]> values) {
            this.provider = provider;
            this.headers = headers;
            this.values = new ArrayList<>(values);
        }

        void configure(TransportCommand<?, ?> command) {
            command.setCredentialsProvider(provider);
            command.setTransportConfigCallback(transport -> {
                if (transport instanceof TransportHttp http && !headers.isEmpty()) {
                    http.setAdditionalHeaders(headers);
                }
                if (transport instanceof SshTransport sshTransport) {
                    ssh.ifPresent(sshTransport::setSshSessionFactory);
                }
            });
        }

        /** {@code text} with every secret of this operation masked. */
        String redact(String text) {
            String redacted = text == null ? "" : text;
            for (char[] value : values) {
                if (value.length > 0) {
                    redacted = redacted.replace(new String(value), "****");
                }
            }
            return redacted;
        }

        @Override
        public void close() {
            if (provider instanceof UsernamePasswordCredentialsProvider password) {
                password.clear();
            }
            values.forEach(value -> Arrays.fill(value, '\0'));
        }
    }
}
