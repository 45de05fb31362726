package io.gitmesh.app.cli;

import io.gitmesh.model.diff.Plan;
import io.gitmesh.model.diff.Planner;
import io.gitmesh.reconciler.git.LocalRepository;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gitmesh diff}: what changes in the mesh from one git revision of a policy folder to another
 * (by default, to the working tree). Exit 0 no change, 1 changes, 2 error (an unknown or invalid
 * revision among them).
 */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Plan the change from one git revision of a policy folder to another: resources, access "
                + "granted and revoked, traffic weights, and the workloads whose proxy config changes.",
            "REF is anything git names a commit with: a branch, a tag, a commit id, HEAD~1, origin/main.",
            "Exit codes: 0 no change, 1 changes, 2 usage or I/O error, or an unknown or invalid revision."})
final class DiffCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", defaultValue = ".",
            description = "Policy folder inside a git repository (default: the current directory); paths are "
                    + "relative to it.")
    Path dir;

    @Option(names = "--from", required = true, paramLabel = "REF", description = "The revision before the change.")
    String from;

    @Option(names = "--to", paramLabel = "REF",
            description = "The revision after the change (default: the working tree, with uncommitted edits, new "
                    + "files that git does not ignore, and deletions).")
    String to;

    @Option(names = "--cluster-state", paramLabel = "FILE",
            description = "Kubernetes objects (file or directory) that stand in for the cluster, on both sides.")
    Path clusterState;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text, json or markdown (default: ${DEFAULT-VALUE}).")
    OutputFormat output;

    @Override
    public Integer call() {
        output.requireOneOf("diff", OutputFormat.text, OutputFormat.json, OutputFormat.markdown);
        MeshLoader loader = new MeshLoader(clusterState);
        try (LocalRepository repository = Inputs.repository(dir)) {
            GitRevision before = GitRevision.commit(repository, "--from", from);
            GitRevision after = to == null ? GitRevision.workingTree(repository)
                    : GitRevision.commit(repository, "--to", to);
            Plan plan = new Planner().plan(loader.mesh(before, before.side("--from")),
                    loader.mesh(after, after.side("--to")));
            print(plan, before, after);
            return plan.isEmpty() ? 0 : 1;
        }
    }

    private void print(Plan plan, GitRevision before, GitRevision after) {
        PrintWriter out = spec.commandLine().getOut();
        switch (output) {
            case json -> out.println(DiagnosticsOutput.pretty(PlanJson.of(plan, before.id(), after.id())));
            case markdown -> out.print(PlanMarkdown.of(plan, before.label(), after.label()));
            default -> PlanText.print(plan, before.label(), after.label(), out);
        }
        out.flush();
    }
}
