package io.gitmesh.reconciler.git;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.sshd.ServerKeyDatabase;

/**
 * Strict host key checking against one known_hosts file: a host is accepted only when the file
 * lists it (by the name connected to, or by its address) with the key it presents. Nothing is
 * ever added to the file; there is no trust on first use. Marker lines ({@code @cert-authority},
 * {@code @revoked}) are not honoured as trust. The reason for the last refusal is kept for the
 * error message, since the ssh layer reports only that the key did not validate.
 */
final class KnownHostsDatabase implements ServerKeyDatabase {
    private static final int SSH_PORT = 22;

    private final Path file;
    private final AtomicReference<String> lastRefusal = new AtomicReference<>();

    KnownHostsDatabase(Path file) {
        this.file = file;
    }

    @Override
    public List<PublicKey> lookup(String connectAddress, InetSocketAddress remoteAddress, Configuration config) {
        try {
            return knownKeys(connectAddress, remoteAddress);
        } catch (IOException e) {
            return List.of();
        }
    }

    @Override
    public boolean accept(String connectAddress, InetSocketAddress remoteAddress, PublicKey serverKey,
            Configuration config, CredentialsProvider provider) {
        List<PublicKey> known;
        try {
            known = knownKeys(connectAddress, remoteAddress);
        } catch (IOException e) {
            lastRefusal.set("the known_hosts file " + file + " cannot be read (" + e.getClass().getSimpleName() + ")");
            return false;
        }
        if (known.stream().anyMatch(key -> KeyUtils.compareKeys(key, serverKey))) {
            lastRefusal.set(null);
            return true;
        }
        String fingerprint = KeyUtils.getFingerPrint(BuiltinDigests.sha256, serverKey);
        lastRefusal.set(known.isEmpty()
                ? "host " + connectAddress + " is not in the known_hosts file " + file + " (its "
                        + KeyUtils.getKeyType(serverKey) + " key is " + fingerprint
                        + "); add the host's key, e.g. from ssh-keyscan, after checking it"
                : "host " + connectAddress + " presented the key " + fingerprint + ", which differs from its"
                        + " key in the known_hosts file " + file
                        + "; the host key changed or the connection is intercepted");
        return false;
    }

    /** The keys the file lists for the host, by the name connected to or by its address. */
    private List<PublicKey> knownKeys(String connectAddress, InetSocketAddress remoteAddress) throws IOException {
        HostPort connected = HostPort.parse(connectAddress);
        List<PublicKey> keys = new ArrayList<>();
        for (KnownHostEntry entry : KnownHostEntry.readKnownHostEntries(file)) {
            boolean listed = entry.getMarker() == null
                    && (entry.isHostMatch(connected.host(), connected.port())
                    || !remoteAddress.isUnresolved() && entry.isHostMatch(
                            remoteAddress.getAddress().getHostAddress(), remoteAddress.getPort()));
            if (listed) {
                resolve(entry).ifPresent(keys::add);
            }
        }
        return keys;
    }

    void forgetRefusal() {
        lastRefusal.set(null);
    }

    /** Why the last host was refused, if the last check refused one. */
    Optional<String> lastRefusal() {
        return Optional.ofNullable(lastRefusal.get());
    }

    private static Optional<PublicKey> resolve(KnownHostEntry entry) {
        try {
            return Optional.ofNullable(entry.getKeyEntry().resolvePublicKey(null, PublicKeyEntryResolver.IGNORING));
        } catch (IOException | GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    /** {@code host} or {@code [host]:port}, as JGit names the address it connected to. */
    private record HostPort(String host, int port) {
        static HostPort parse(String address) {
            if (address.startsWith("[")) {
                int close = address.indexOf(']');
                if (close > 0 && address.startsWith(":", close + 1)) {
                    return new HostPort(address.substring(1, close), Integer.parseInt(address.substring(close + 2)));
                }
            }
            return new HostPort(address, SSH_PORT);
        }
    }
}
