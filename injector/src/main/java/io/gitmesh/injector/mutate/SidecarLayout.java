package io.gitmesh.injector.mutate;

import io.gitmesh.xds.bootstrap.EnvoyBootstrap;
import io.gitmesh.xds.translate.ResourceNames;

/**
 * What an injected pod looks like from the inside: the names of the containers and the volume the
 * injector adds, where the bootstrap is mounted, the proxy's user and its ports. The Secret
 * controller, the bootstrap and the iptables rules all read them from here.
 */
public final class SidecarLayout {
    /** The init container that installs the iptables redirection. */
    public static final String INIT_CONTAINER = "gitmesh-init";
    /** The Envoy container. */
    public static final String PROXY_CONTAINER = "gitmesh-proxy";
    /** The volume holding the per-pod bootstrap Secret. */
    public static final String BOOTSTRAP_VOLUME = "gitmesh-bootstrap";
    /** Where the bootstrap Secret is mounted in the proxy: {@code bootstrap.json} and the certificate files. */
    public static final String BOOTSTRAP_DIR = "/etc/gitmesh";
    /** The bootstrap file's key in the Secret, and its name under {@link #BOOTSTRAP_DIR}. */
    public static final String BOOTSTRAP_FILE = "bootstrap.json";
    /** The port name of the proxy's metrics listener (at most 15 characters, as Kubernetes wants). */
    public static final String METRICS_PORT_NAME = "gitmesh-metrics";

    /** The user the proxy runs as; iptables lets its own traffic out unredirected. */
    public static final int PROXY_UID = 1337;
    /** Envoy's admin interface, on 127.0.0.1 only. */
    public static final int ADMIN_PORT = EnvoyBootstrap.ADMIN_PORT;
    /** Where iptables sends the pod's outgoing TCP connections. */
    public static final int OUTBOUND_PORT = ResourceNames.OUTBOUND_PORT;
    /** Where iptables sends the pod's incoming TCP connections. */
    public static final int INBOUND_PORT = ResourceNames.INBOUND_PORT;
    /** The proxy's metrics listener: {@code /stats/prometheus} and {@code /ready}. */
    public static final int METRICS_PORT = 15010;
    /** The path of Envoy's readiness on the metrics port (proxied to the admin interface's {@code /ready}). */
    public static final String READY_PATH = "/ready";
    /** The path of Envoy's Prometheus metrics on the metrics port. */
    public static final String METRICS_PATH = "/stats/prometheus";

    private SidecarLayout() {
    }

    /** {@link #BOOTSTRAP_DIR}/{@link #BOOTSTRAP_FILE}: what Envoy is started with. */
    public static String bootstrapPath() {
        return BOOTSTRAP_DIR + "/" + BOOTSTRAP_FILE;
    }
}
