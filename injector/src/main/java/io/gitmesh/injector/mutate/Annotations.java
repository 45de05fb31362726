package io.gitmesh.injector.mutate;

/**
 * The labels and annotations the injector reads and writes. Users write the first group; the
 * injector writes the second.
 */
public final class Annotations {
    /** Namespace label (enrols the namespace) and pod annotation (overrides it): {@code enabled} or {@code disabled}. */
    public static final String INJECT = "gitmesh.io/inject";
    public static final String ENABLED = "enabled";
    public static final String DISABLED = "disabled";

    /** Inbound ports not redirected to the proxy, comma-separated: their traffic reaches the app directly. */
    public static final String EXCLUDE_INBOUND_PORTS = "gitmesh.io/exclude-inbound-ports";
    /** Outbound destination ports not redirected to the proxy, comma-separated. */
    public static final String EXCLUDE_OUTBOUND_PORTS = "gitmesh.io/exclude-outbound-ports";
    /** Outbound IPv4 destinations (CIDRs or addresses) not redirected to the proxy, comma-separated. */
    public static final String EXCLUDE_OUTBOUND_IP_RANGES = "gitmesh.io/exclude-outbound-ip-ranges";
    /** The proxy's CPU request (a Kubernetes quantity). */
    public static final String PROXY_CPU = "gitmesh.io/proxy-cpu";
    /** The proxy's memory request. */
    public static final String PROXY_MEMORY = "gitmesh.io/proxy-memory";
    /** The proxy's CPU limit. */
    public static final String PROXY_CPU_LIMIT = "gitmesh.io/proxy-cpu-limit";
    /** The proxy's memory limit. */
    public static final String PROXY_MEMORY_LIMIT = "gitmesh.io/proxy-memory-limit";

    /** Written on injection: the sidecar mode ({@code native} or {@code legacy}); its presence means "already injected". */
    public static final String INJECTED = "gitmesh.io/injected";
    /** Written on injection when probes were rewritten: where each rewritten probe really goes (see {@link ProbeTargets}). */
    public static final String PROBES = "gitmesh.io/probes";

    /** Prometheus' scrape annotations, written for the proxy's metrics unless the pod already sets them. */
    public static final String PROMETHEUS_SCRAPE = "prometheus.io/scrape";
    public static final String PROMETHEUS_PORT = "prometheus.io/port";
    public static final String PROMETHEUS_PATH = "prometheus.io/path";

    private Annotations() {
    }
}
