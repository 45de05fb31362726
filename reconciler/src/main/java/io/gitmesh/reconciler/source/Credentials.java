package io.gitmesh.reconciler.source;

import java.nio.file.Path;
import java.util.Objects;

/** How a source authenticates to its remote. Secrets are referenced, never held (see {@link Secret}). */
public sealed interface Credentials {

    /** Anonymous access (public repositories, {@code file://}, local paths). */
    record None() implements Credentials {
    }

    /** HTTP basic authentication (for most hosts, a token is the password: GitHub, GitLab, Gitea). */
    record HttpBasic(String username, Secret password) implements Credentials {
        public HttpBasic {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
            if (username.isBlank() || username.contains(":")) {
                throw new IllegalArgumentException("an HTTP user name must be non-empty and hold no ':'");
            }
        }
    }

    /** An HTTP bearer token, sent as {@code Authorization: Bearer ...} (Bitbucket, Azure DevOps, proxies). */
    record HttpBearer(Secret token) implements Credentials {
        public HttpBearer {
            Objects.requireNonNull(token, "token");
        }
    }

    /**
     * An SSH key without a passphrase, and the hosts trusted to serve the repository. The known-hosts
     * file is required: a host not in it, or with another key, is refused (no trust on first use).
     */
    record SshKey(Path privateKey, Path knownHosts) implements Credentials {
        public SshKey {
            Objects.requireNonNull(privateKey, "privateKey");
            Objects.requireNonNull(knownHosts, "knownHosts (an ssh source needs a known_hosts file)");
        }
    }
}
