package io.gitmesh.reconciler.git;

import io.gitmesh.reconciler.source.GitSourceException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.Locale;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;

/**
 * Turns what JGit throws while fetching into the two kinds of failure a caller handles: the remote
 * is out of reach (transient), or something must be fixed (the URL, the credentials, the host key).
 * Anything not recognised is transient: retrying does no harm, and the message tells people more.
 * Messages are built here; JGit's own text appears only with the operation's secrets masked.
 */
final class FetchFailures {
    private FetchFailures() {
    }

    static GitSourceException translate(Exception failure, String url, RemoteAccess access,
            RemoteAccess.Authentication authentication) {
        String detail = authentication.redact(innermostMessage(failure));
        String lower = detail.toLowerCase(Locale.ROOT);
        if (access.hostKeyRefusal().isPresent()) {
            return GitSourceException.userMustFix("cannot fetch " + url + ": " + access.hostKeyRefusal().orElseThrow());
        }
        if (has(failure, NoRemoteRepositoryException.class)) {
            return GitSourceException.userMustFix("cannot fetch " + url + ": there is no git repository there (check"
                    + " the URL" + (access.hasCredentials() ? " and that " + access.describe() + " may read it" : "")
                    + ")");
        }
        if (lower.contains("not authorized") || lower.contains("authentication is required")
                || lower.contains("authentication not supported") || lower.contains("not permitted")
                || lower.contains("no more authentication methods")) {
            return GitSourceException.userMustFix("cannot fetch " + url + (access.hasCredentials()
                    ? ": the server refused " + access.describe() + "; check the credentials"
                    : ": the server asks for credentials and none are configured"));
        }
        if (has(failure, ConnectException.class) || has(failure, UnknownHostException.class)
                || has(failure, NoRouteToHostException.class) || has(failure, InterruptedIOException.class)) {
            return GitSourceException.transientFailure("cannot reach " + url + " (" + detail + "); will retry");
        }
        return GitSourceException.transientFailure("cannot fetch " + url + ": " + detail + "; will retry");
    }

    /** The chain of causes as {@code Type: message} items, secrets masked, for a DEBUG line. */
    static String causes(Throwable failure, RemoteAccess.Authentication authentication) {
        StringBuilder chain = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            chain.append(chain.isEmpty() ? "" : " <- ").append(cause.getClass().getSimpleName());
            if (cause.getMessage() != null) {
                chain.append(": ").append(authentication.redact(cause.getMessage()));
            }
        }
        return chain.toString();
    }

    private static boolean has(Throwable failure, Class<? extends Throwable> kind) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (kind.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    /** The message of the deepest cause that has one, which names the actual problem. */
    private static String innermostMessage(Throwable failure) {
        String message = failure.getClass().getSimpleName();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
                message = cause.getMessage();
            }
        }
        return message;
    }
}
