package io.gitmesh.app.cli;

import io.gitmesh.model.Identity;
import io.gitmesh.model.Mesh;
import io.gitmesh.model.simulate.Call;
import io.gitmesh.model.simulate.Simulator;
import io.gitmesh.model.simulate.Unresolved;
import io.gitmesh.model.simulate.Verdict;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code gitmesh simulate}: would the mesh let this call through, and where would it land? */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Decide one call by the mesh's rules: whether the source may make it, which rule allows "
                + "it (or why none does), and which backends answer.",
            "Exit codes: 0 allowed, 1 denied, 2 usage or I/O error, an unknown or invalid revision, or a source or "
                + "host the mesh does not have."})
final class SimulateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RevisionOptions revision;

    @Option(names = "--from", required = true, paramLabel = "NS/SA", converter = IdentityConverter.class,
            description = "The caller's identity: namespace/ServiceAccount.")
    Identity source;

    @Option(names = "--to", required = true, paramLabel = "HOST[:PORT]",
            description = "The host called: svc (in the caller's namespace), svc.ns, svc.ns.svc.cluster.local or a "
                    + "cluster IP; the port may be left out when the Service has one.")
    String authority;

    @Option(names = "--path", paramLabel = "P", defaultValue = "/", description = "Request path (default: /).")
    String path;

    @Option(names = "--method", paramLabel = "M", defaultValue = "GET", description = "Request method (default: GET).")
    String method;

    @Option(names = "--header", paramLabel = "K=V", description = "A request header; repeat for more.")
    Map<String, String> headers = new LinkedHashMap<>();

    @Option(names = "--cluster-state", paramLabel = "FILE",
            description = "Kubernetes objects (file or directory) that stand in for the cluster.")
    Path clusterState;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text or json (default: ${DEFAULT-VALUE}).")
    OutputFormat output;

    @Override
    public Integer call() {
        output.requireOneOf("simulate", OutputFormat.text, OutputFormat.json);
        Mesh mesh = revision.mesh(new MeshLoader(clusterState));
        Verdict verdict = switch (new Simulator().simulate(mesh, requestedCall())) {
            case Unresolved unresolved -> throw new UserError(unresolved.reason());
            case Verdict decided -> decided;
        };
        PrintWriter out = spec.commandLine().getOut();
        if (output == OutputFormat.json) {
            out.println(DiagnosticsOutput.pretty(json(verdict)));
        } else {
            out.println((verdict.allowed() ? "allowed: " : "denied: ") + source + " -> " + verdict.destination());
            out.println("  " + verdict.reason());
            if (verdict.allowed()) {
                out.println("  backends: " + verdict.backends().stream()
                        .map(b -> b.service() + " " + b.percent() + "%").collect(Collectors.joining(", ")));
            }
        }
        out.flush();
        return verdict.allowed() ? 0 : 1;
    }

    private Call requestedCall() {
        try {
            return new Call(source, authority, path, method, headers);
        } catch (IllegalArgumentException e) {
            throw new UserError("not a call to simulate: " + e.getMessage());
        }
    }

    private static ObjectNode json(Verdict verdict) {
        ObjectNode root = DiagnosticsOutput.JSON.createObjectNode();
        root.put("allowed", verdict.allowed());
        root.put("destination", verdict.destination().service().toString());
        root.put("port", verdict.destination().port());
        root.put("reason", verdict.reason());
        ArrayNode backends = root.putArray("backends");
        verdict.backends().forEach(b -> backends.addObject().put("service", b.service().toString())
                .put("weight", b.percent()));
        return root;
    }
}
