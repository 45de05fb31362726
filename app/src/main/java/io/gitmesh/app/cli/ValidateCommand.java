package io.gitmesh.app.cli;

import io.gitmesh.reconciler.compile.CompiledRevision;
import io.gitmesh.reconciler.compile.RevisionCompiler;
import io.gitmesh.schema.Limits;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.node.ObjectNode;

/** {@code gitmesh validate}: check a policy repository without a cluster. Exit 0 valid, 1 invalid, 2 error. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Check a policy directory: YAML, schemas and meaning, with file:line for every problem.",
            "Exit codes: 0 valid (warnings allowed), 1 invalid, 2 usage or I/O error."})
final class ValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", defaultValue = ".",
            description = "Policy directory (default: the current directory).")
    Path dir;

    @Option(names = "--cluster-state", paramLabel = "FILE",
            description = "Kubernetes objects (file or directory) that stand in for the cluster.")
    Path clusterState;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text or json (default: ${DEFAULT-VALUE}).")
    OutputFormat output;

    @Override
    public Integer call() {
        output.requireOneOf("validate", OutputFormat.text, OutputFormat.json);
        CompiledRevision revision = Compilers.oneShot().compile(
                Inputs.policyDirectory(dir, Limits.DEFAULT), Inputs.clusterState(clusterState, Limits.DEFAULT));
        PrintWriter out = spec.commandLine().getOut();
        if (output == OutputFormat.json) {
            ObjectNode result = DiagnosticsOutput.JSON.createObjectNode();
            result.put("valid", revision.valid());
            result.set("diagnostics", DiagnosticsOutput.json(revision.diagnostics()));
            out.println(DiagnosticsOutput.pretty(result));
        } else {
            DiagnosticsOutput.text(revision.diagnostics(), out);
            out.println(dir + ": " + (revision.valid() ? "valid" : "invalid") + " ("
                    + DiagnosticsOutput.summary(revision.diagnostics()) + ")");
        }
        out.flush();
        return revision.valid() ? 0 : 1;
    }
}
