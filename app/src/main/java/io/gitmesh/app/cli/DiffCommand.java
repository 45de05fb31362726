package io.gitmesh.app.cli;

import io.gitmesh.model.Mesh;
import io.gitmesh.model.diff.Plan;
import io.gitmesh.model.diff.Planner;
import io.gitmesh.schema.Limits;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gitmesh diff}: what changes in the mesh from one revision to another. Exit 0 no change,
 * 1 changes, 2 error (an invalid side among them).
 */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Plan the change from one policy revision to another: resources, access granted and "
                + "revoked, traffic weights, and the workloads whose proxy config changes.",
            "Exit codes: 0 no change, 1 changes, 2 usage or I/O error, or an invalid revision."})
final class DiffCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BEFORE_DIR", description = "The policy directory before the change.")
    Path before;

    @Parameters(index = "1", paramLabel = "AFTER_DIR", description = "The policy directory after the change.")
    Path after;

    @Option(names = "--cluster-state", paramLabel = "FILE",
            description = "Kubernetes objects (file or directory) that stand in for the cluster, on both sides.")
    Path clusterState;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text, json or markdown (default: ${DEFAULT-VALUE}).")
    OutputFormat output;

    @Override
    public Integer call() {
        output.requireOneOf("diff", OutputFormat.text, OutputFormat.json, OutputFormat.markdown);
        RevisionSource from = new DirectoryRevision(before, Limits.DEFAULT);
        RevisionSource to = new DirectoryRevision(after, Limits.DEFAULT);
        MeshLoader loader = new MeshLoader(clusterState);
        Mesh was = loader.mesh(from, "the before side (" + from.name() + ")");
        Mesh is = loader.mesh(to, "the after side (" + to.name() + ")");
        Plan plan = new Planner().plan(was, is);
        PrintWriter out = spec.commandLine().getOut();
        switch (output) {
            case json -> out.println(DiagnosticsOutput.pretty(PlanJson.of(plan, from.name(), to.name())));
            case markdown -> out.print(PlanMarkdown.of(plan, from.name(), to.name()));
            default -> PlanText.print(plan, from.name(), to.name(), out);
        }
        out.flush();
        return plan.isEmpty() ? 0 : 1;
    }
}
