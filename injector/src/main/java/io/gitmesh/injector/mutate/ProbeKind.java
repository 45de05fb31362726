package io.gitmesh.injector.mutate;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Probe;
import java.util.Arrays;
import java.util.Optional;

/** The three kubelet probes, each with the proxy port its rewritten form goes to. */
public enum ProbeKind {
    LIVENESS("liveness", 15901),
    READINESS("readiness", 15902),
    STARTUP("startup", 15903);

    private final String wireName;
    private final int proxyPort;

    ProbeKind(String wireName, int proxyPort) {
        this.wireName = wireName;
        this.proxyPort = proxyPort;
    }

    /** {@code liveness}, {@code readiness} or {@code startup}. */
    public String wireName() {
        return wireName;
    }

    /** The proxy's probe listener for this kind: 15901, 15902 or 15903. */
    public int proxyPort() {
        return proxyPort;
    }

    public static Optional<ProbeKind> fromWireName(String name) {
        return Arrays.stream(values()).filter(k -> k.wireName.equals(name)).findFirst();
    }

    Probe of(Container container) {
        return switch (this) {
            case LIVENESS -> container.getLivenessProbe();
            case READINESS -> container.getReadinessProbe();
            case STARTUP -> container.getStartupProbe();
        };
    }
}
