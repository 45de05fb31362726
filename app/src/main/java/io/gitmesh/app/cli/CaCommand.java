package io.gitmesh.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gitmesh ca}: the built-in certificate authority, on files. */
@Command(name = "ca", mixinStandardHelpOptions = true,
        description = "Create a CA, issue workload certificates (X.509-SVIDs) from it, inspect certificates, and"
                + " start a root rotation.",
        subcommands = {CaInitCommand.class, CaIssueCommand.class, CaInspectCommand.class, CaRotateRootCommand.class})
final class CaCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: init, issue, inspect or rotate-root");
    }
}
