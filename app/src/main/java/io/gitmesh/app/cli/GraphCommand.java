package io.gitmesh.app.cli;

import io.gitmesh.model.graph.Dot;
import io.gitmesh.model.graph.MeshGraph;
import io.gitmesh.model.graph.Mermaid;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gitmesh graph}: who may call which service port, and where the splits send the traffic. */
@Command(name = "graph", mixinStandardHelpOptions = true,
        description = {"Draw the mesh: identities and service ports, access edges labelled with their routes, "
                + "split edges with their weights.",
            "Exit codes: 0 drawn, 2 usage or I/O error, or an unknown or invalid revision."})
final class GraphCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RevisionOptions revision;

    @Option(names = "--cluster-state", paramLabel = "FILE",
            description = "Kubernetes objects (file or directory) that stand in for the cluster.")
    Path clusterState;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "mermaid",
            description = "mermaid, dot or json (default: ${DEFAULT-VALUE}).")
    OutputFormat output;

    @Override
    public Integer call() {
        output.requireOneOf("graph", OutputFormat.mermaid, OutputFormat.dot, OutputFormat.json);
        MeshGraph graph = MeshGraph.of(revision.mesh(new MeshLoader(clusterState)));
        PrintWriter out = spec.commandLine().getOut();
        switch (output) {
            case json -> out.println(DiagnosticsOutput.pretty(GraphJson.of(graph)));
            case dot -> out.print(Dot.render(graph));
            default -> out.print(Mermaid.render(graph));
        }
        out.flush();
        return 0;
    }
}
