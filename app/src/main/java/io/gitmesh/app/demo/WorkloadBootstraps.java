package io.gitmesh.app.demo;

import io.gitmesh.xds.Flavour;
import io.gitmesh.xds.bootstrap.BootstrapSpec;
import io.gitmesh.xds.bootstrap.GrpcBootstrap;
import io.grpc.internal.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The xDS bootstrap of each demo workload, as {@code gitmesh bootstrap --flavour grpc} writes it: its
 * node (namespace and service account; no served ports, so gitmesh gives it those of its identity), the
 * xDS server, and its own certificate files for the data plane's mTLS. Each workload gets its bootstrap
 * as a map of its own (grpc-java's JVM-wide bootstrap is read once and cached, so several identities in
 * one process need one each).
 */
final class WorkloadBootstraps {
    private final InetSocketAddress xdsServer;

    WorkloadBootstraps(InetSocketAddress xdsServer) {
        this.xdsServer = xdsServer;
    }

    /** The bootstrap of {@code workload}, its certificate files in {@code certificates}. */
    Map<String, ?> of(DemoWorkload workload, Path certificates) {
        BootstrapSpec spec = new BootstrapSpec(workload.identity(), workload.name() + "-demo", Flavour.GRPC,
                xdsServer.getHostString(), xdsServer.getPort(), List.of(), Optional.of(certificates.toString()),
                false);
        return DemoXdsChannel.credentials(parse(GrpcBootstrap.json(spec)));
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
