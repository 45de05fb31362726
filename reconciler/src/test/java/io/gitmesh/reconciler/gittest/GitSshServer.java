package io.gitmesh.reconciler.gittest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.UploadPack;

/**
 * A git server over ssh in the test JVM (Apache MINA sshd, the same library as JGit's client): on
 * loopback, a free port, one host key, public-key authentication for one client key, serving
 * {@code git-upload-pack} for one repository whatever path is asked for.
 */
public final class GitSshServer implements AutoCloseable {
    private final SshServer server;
    private final KeyPair hostKey;

    private GitSshServer(SshServer server, KeyPair hostKey) {
        this.server = server;
        this.hostKey = hostKey;
    }

    /** Starts serving {@code repository} to whoever holds {@code clientKey}. */
    public static GitSshServer serve(Repository repository, KeyPair clientKey) {
        KeyPair hostKey = newKey();
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPublickeyAuthenticator((user, key, session) -> KeyUtils.compareKeys(key, clientKey.getPublic()));
        server.setCommandFactory((channel, command) -> new UploadPackCommand(repository, command));
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new GitSshServer(server, hostKey);
    }

    /** A new EC P-256 key pair (for a client, or a stranger's host). */
    public static KeyPair newKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes {@code key}'s private half in OpenSSH format, as {@code ssh-keygen} does. */
    public static Path writePrivateKey(KeyPair key, Path file) {
        try (OutputStream out = Files.newOutputStream(file)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(key, "gitmesh-test", null, out);
            return file;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return server.getPort();
    }

    public String url() {
        return "ssh://git@127.0.0.1:" + port() + "/repo.git";
    }

    /** The known_hosts line for this server with its real host key. */
    public String knownHostsLine() {
        return knownHostsLine(hostKey);
    }

    /** A known_hosts line naming this server with another key (a changed or spoofed host key). */
    public String knownHostsLine(KeyPair otherKey) {
        return "[127.0.0.1]:" + port() + " " + PublicKeyEntry.toString(otherKey.getPublic()) + "\n";
    }

    @Override
    public void close() {
        try {
            server.stop(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs JGit's UploadPack on the channel's streams, on its own thread. */
    private static final class UploadPackCommand implements Command {
        private final Repository repository;
        private final String command;
        private InputStream in;
        private OutputStream out;
        private OutputStream err;
        private ExitCallback exit;

        UploadPackCommand(Repository repository, String command) {
            this.repository = repository;
            this.command = command;
        }

        @Override
        public void setInputStream(InputStream in) {
            this.in = in;
        }

        @Override
        public void setOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void setErrorStream(OutputStream err) {
            this.err = err;
        }

        @Override
        public void setExitCallback(ExitCallback exit) {
            this.exit = exit;
        }

        @Override
        public void start(ChannelSession channel, Environment environment) {
            Thread thread = new Thread(() -> {
                if (!command.startsWith("git-upload-pack")) {
                    exit.onExit(127, "only git-upload-pack is served");
                    return;
                }
                try {
                    new UploadPack(repository).upload(in, out, err);
                    out.flush();
                    exit.onExit(0);
                } catch (IOException e) {
                    exit.onExit(1, e.toString());
                }
            }, "git-ssh-upload-pack");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void destroy(ChannelSession channel) {
            // the upload ends with its streams
        }
    }
}
