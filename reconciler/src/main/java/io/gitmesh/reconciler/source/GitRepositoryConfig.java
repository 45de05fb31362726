package io.gitmesh.reconciler.source;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A repository to follow: where it is, what to follow in it, how to authenticate, whether to
 * verify signatures, and how much to read. Start from {@link #of} and adjust with the
 * {@code with...} methods; every combination is checked here, before anything connects.
 *
 * @param url           {@code https://}, {@code http://}, {@code ssh://}, {@code user@host:path},
 *                      {@code file://} or a local path; never a URL carrying a password
 * @param maxTotalBytes most bytes of policy files read from one commit, summed
 * @param timeout       for one network operation
 */
public record GitRepositoryConfig(String url, Reference reference, Credentials credentials,
        SignatureVerification verification, long maxTotalBytes, Duration timeout) {

    public static final long DEFAULT_MAX_TOTAL_BYTES = 64L << 20;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    /** How a URL reaches its repository. */
    public enum Transport { LOCAL, HTTP, HTTPS, SSH }

    public GitRepositoryConfig {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(verification, "verification");
        Objects.requireNonNull(timeout, "timeout");
        if (maxTotalBytes <= 0) {
            throw new IllegalArgumentException("maxTotalBytes must be positive");
        }
        if (timeout.isNegative() || timeout.isZero() || timeout.toSeconds() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("timeout must be positive and under 68 years");
        }
        checkCredentialsFit(url, transportOf(url), credentials);
    }

    public static GitRepositoryConfig of(String url, Reference reference) {
        return new GitRepositoryConfig(url, reference, new Credentials.None(), new SignatureVerification.Off(),
                DEFAULT_MAX_TOTAL_BYTES, DEFAULT_TIMEOUT);
    }

    public GitRepositoryConfig withCredentials(Credentials newCredentials) {
        return new GitRepositoryConfig(url, reference, newCredentials, verification, maxTotalBytes, timeout);
    }

    public GitRepositoryConfig withVerification(SignatureVerification newVerification) {
        return new GitRepositoryConfig(url, reference, credentials, newVerification, maxTotalBytes, timeout);
    }

    public GitRepositoryConfig withMaxTotalBytes(long newMaxTotalBytes) {
        return new GitRepositoryConfig(url, reference, credentials, verification, newMaxTotalBytes, timeout);
    }

    public GitRepositoryConfig withTimeout(Duration newTimeout) {
        return new GitRepositoryConfig(url, reference, credentials, verification, maxTotalBytes, newTimeout);
    }

    public Transport transport() {
        return transportOf(url);
    }

    static Transport transportOf(String url) {
        if (url.isBlank()) {
            throw new IllegalArgumentException("the repository URL is empty");
        }
        int scheme = url.indexOf("://");
        if (scheme < 0) {
            return isScpLike(url) ? Transport.SSH : Transport.LOCAL;
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a repository URL: " + e.getReason());
        }
        if (uri.getRawUserInfo() != null && uri.getRawUserInfo().contains(":")) {
            throw new IllegalArgumentException("the repository URL carries a password; give it as a"
                    + " credential read from a file or an environment variable instead");
        }
        return switch (url.substring(0, scheme).toLowerCase(Locale.ROOT)) {
            case "file" -> Transport.LOCAL;
            case "http" -> Transport.HTTP;
            case "https" -> Transport.HTTPS;
            case "ssh", "git+ssh", "ssh+git" -> Transport.SSH;
            default -> throw new IllegalArgumentException("unsupported repository URL scheme \""
                    + url.substring(0, scheme) + "\" (use https, http, ssh or file)");
        };
    }

    /** {@code [user@]host:path}, the form {@code git clone git@github.com:org/repo.git} takes. */
    private static boolean isScpLike(String url) {
        int colon = url.indexOf(':');
        int slash = url.indexOf('/');
        return colon > 0 && (slash < 0 || colon < slash) && !url.startsWith("[");
    }

    private static void checkCredentialsFit(String url, Transport transport, Credentials credentials) {
        switch (credentials) {
            case Credentials.None none -> { }
            case Credentials.HttpBasic basic -> requireHttp(url, transport);
            case Credentials.HttpBearer bearer -> requireHttp(url, transport);
            case Credentials.SshKey key -> {
                if (transport != Transport.SSH) {
                    throw new IllegalArgumentException("an ssh key is given but the repository URL is not an ssh URL");
                }
            }
        }
    }

    private static void requireHttp(String url, Transport transport) {
        if (transport == Transport.HTTPS) {
            return;
        }
        if (transport == Transport.HTTP && LOOPBACK.contains(String.valueOf(URI.create(url).getHost()))) {
            return;
        }
        throw new IllegalArgumentException(transport == Transport.HTTP
                ? "HTTP credentials would cross the network in clear text; use an https:// URL"
                : "HTTP credentials are given but the repository URL is not an https:// URL");
    }
}
