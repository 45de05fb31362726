package io.gitmesh.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code gitmesh} command and its subcommands (DESIGN.md §7). */
@Command(name = "gitmesh", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "GitOps control plane for an Envoy service mesh: SMI policy in git, validated, diffed and "
                + "served over xDS.",
        subcommands = {ValidateCommand.class, DiffCommand.class, SimulateCommand.class, GraphCommand.class,
            RenderCommand.class, BootstrapCommand.class, RunCommand.class, CaCommand.class, InjectCommand.class,
            DemoCommand.class,
            CommandLine.HelpCommand.class})
public final class GitmeshCommand implements Runnable {
    /** Exit code for usage and I/O errors, for every subcommand. */
    public static final int ERROR = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }

    /** A command line with gitmesh's error handling: clear one-line messages, exit code 2. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new GitmeshCommand());
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("gitmesh: " + (e instanceof UserError ? e.getMessage() : describe(e)));
            return ERROR;
        });
        cl.setParameterExceptionHandler((e, args) -> {
            CommandLine c = e.getCommandLine();
            c.getErr().println("gitmesh: " + e.getMessage());
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
            return ERROR;
        });
        return cl;
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
