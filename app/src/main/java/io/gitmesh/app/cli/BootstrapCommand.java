package io.gitmesh.app.cli;

import io.gitmesh.model.Identity;
import io.gitmesh.xds.Flavour;
import io.gitmesh.xds.bootstrap.BootstrapSpec;
import io.gitmesh.xds.bootstrap.EnvoyBootstrap;
import io.gitmesh.xds.bootstrap.GrpcBootstrap;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code gitmesh bootstrap}: what a proxyless gRPC application or an Envoy needs to reach the server as a workload. */
@Command(name = "bootstrap", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Print the xDS bootstrap of a workload: for proxyless gRPC (GRPC_XDS_BOOTSTRAP) or Envoy (-c).",
            "The node id is NAMESPACE/INSTANCE; its metadata names the namespace, service account and flavour."})
final class BootstrapCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--workload", required = true, paramLabel = "NS/SA", converter = IdentityConverter.class,
            description = "The workload's namespace and service account.")
    Identity workload;

    @Option(names = "--flavour", required = true, paramLabel = "grpc|envoy", description = "grpc or envoy.")
    String flavour;

    @Option(names = "--xds-address", required = true, paramLabel = "HOST:PORT", description = "The xDS server.")
    String xdsAddress;

    @Option(names = "--instance", paramLabel = "NAME",
            description = "The pod or instance name in the node id (default: $HOSTNAME, else the service account).")
    String instance;

    @Option(names = "--port", paramLabel = "N", description = "A port this workload serves (repeatable; default: "
            + "the ports the mesh gives its identity).")
    List<Integer> ports = List.of();

    @Option(names = "--certs", paramLabel = "DIR",
            description = "Directory with cert.pem, key.pem and ca.pem (gitmesh ca issue --out DIR).")
    Path certs;

    @Option(names = "--insecure", description = "Plaintext to the xDS server, no workload certificates (development).")
    boolean insecure;

    @Override
    public Integer call() {
        Flavour f = Flavour.fromWireName(flavour).orElseThrow(() -> new UserError("--flavour is grpc or envoy, not "
                + flavour));
        int colon = xdsAddress.lastIndexOf(':');
        int port;
        try {
            port = Integer.parseInt(xdsAddress.substring(colon + 1));
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            throw new UserError("--xds-address must be HOST:PORT, not " + xdsAddress);
        }
        if (!insecure && certs == null) {
            throw new UserError("give --certs DIR (from `gitmesh ca issue`), or --insecure for plaintext development");
        }
        String name = instance != null ? instance : Optional.ofNullable(System.getenv("HOSTNAME"))
                .filter(h -> !h.isBlank()).orElse(workload.serviceAccount());
        BootstrapSpec bootstrap;
        try {
            bootstrap = new BootstrapSpec(workload, name, f, xdsAddress.substring(0, colon), port, ports,
                    Optional.ofNullable(certs).map(p -> p.toAbsolutePath().toString()), insecure);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        spec.commandLine().getOut().print(f == Flavour.GRPC ? GrpcBootstrap.json(bootstrap)
                : EnvoyBootstrap.json(bootstrap));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
