package io.gitmesh.app.demo;

import io.gitmesh.xds.Flavour;
import io.gitmesh.xds.bootstrap.BootstrapSpec;
import io.gitmesh.xds.bootstrap.GrpcBootstrap;
import io.grpc.internal.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The xDS bootstrap of each demo workload, as {@code gitmesh bootstrap --flavour grpc} writes it: its
 * node (namespace and service account; no served ports, so gitmesh gives it those of its identity), the
 * xDS server by the name its certificate carries, and the workload's own certificate files, for mTLS to
 * the xDS server ({@code tls} channel credentials) and between workloads (the {@code file_watcher}
 * certificate provider). Each workload gets its bootstrap
 * as a map of its own (grpc-java's JVM-wide bootstrap is read once and cached, so several identities in
 * one process need one each).
 */
final class WorkloadBootstraps {
    private final String xdsServerName;
    private final int xdsPort;

    /** Bootstraps that dial the xDS server as {@code xdsServerName}:{@code xdsPort}. */
    WorkloadBootstraps(String xdsServerName, int xdsPort) {
        this.xdsServerName = xdsServerName;
        this.xdsPort = xdsPort;
    }

    /** The bootstrap of {@code workload}, its certificate files in {@code certificates}. */
    Map<String, ?> of(DemoWorkload workload, Path certificates) {
        BootstrapSpec spec = new BootstrapSpec(workload.identity(), workload.name() + "-demo", Flavour.GRPC,
                xdsServerName, xdsPort, List.of(), Optional.of(certificates.toString()), false);
        return parse(GrpcBootstrap.json(spec));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> parse(String json) {
        try {
            return (Map<String, ?>) JsonParser.parse(json);
        } catch (IOException e) {
            throw new UncheckedIOException("gitmesh wrote a bootstrap that is not JSON", e);
        }
    }
}
