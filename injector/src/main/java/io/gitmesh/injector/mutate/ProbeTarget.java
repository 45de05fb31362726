package io.gitmesh.injector.mutate;

import java.util.Objects;

/**
 * Where a rewritten probe really goes. The kubelet calls {@code GET /<container>} on the proxy's port
 * for the probe's {@link ProbeKind kind}; the proxy's probe listener answers from the target:
 * <ul>
 *   <li>{@link Http}: the request is forwarded to {@code 127.0.0.1:port} with its path replaced by the
 *       original one (and TLS without verification for {@code HTTPS}, as the kubelet does);</li>
 *   <li>{@link Tcp}: the proxy itself checks that {@code 127.0.0.1:port} accepts a connection, every
 *       {@code periodSeconds}, and answers 200 or 503.</li>
 * </ul>
 */
public sealed interface ProbeTarget {
    String container();

    ProbeKind kind();

    int port();

    /** The path the kubelet calls on the proxy's probe port: {@code /<container>}. */
    default String proxyPath() {
        return proxyPath(container());
    }

    /** {@code container/kind}: the target's key in the {@link Annotations#PROBES} annotation. */
    default String key() {
        return container() + "/" + kind().wireName();
    }

    static String proxyPath(String container) {
        return "/" + container;
    }

    /** An httpGet probe; {@code path} includes any query string. */
    record Http(String container, ProbeKind kind, boolean tls, int port, String path) implements ProbeTarget {
        public Http {
            check(container, kind, port);
            Objects.requireNonNull(path, "path");
        }
    }

    /** A tcpSocket probe, checked by the proxy as often and as patiently as the kubelet would. */
    record Tcp(String container, ProbeKind kind, int port, int periodSeconds, int timeoutSeconds)
            implements ProbeTarget {
        public Tcp {
            check(container, kind, port);
            if (periodSeconds < 1 || timeoutSeconds < 1) {
                throw new IllegalArgumentException("periodSeconds and timeoutSeconds must be at least 1");
            }
        }
    }

    private static void check(String container, ProbeKind kind, int port) {
        Objects.requireNonNull(container, "container");
        Objects.requireNonNull(kind, "kind");
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port " + port + " is outside 1-65535");
        }
    }
}
