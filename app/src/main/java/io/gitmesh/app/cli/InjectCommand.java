package io.gitmesh.app.cli;

import io.gitmesh.injector.manifest.ManifestInjection;
import io.gitmesh.injector.manifest.ManifestInjector;
import io.gitmesh.injector.manifest.ManifestYaml;
import io.gitmesh.injector.mutate.InjectionSettings;
import io.gitmesh.injector.mutate.PodInput;
import io.gitmesh.injector.mutate.PodMutator;
import io.gitmesh.injector.mutate.SidecarMode;
import io.gitmesh.schema.Diagnostic;
import io.gitmesh.schema.Limits;
import io.gitmesh.schema.SourceFile;
import io.gitmesh.schema.yaml.ParsedFile;
import io.gitmesh.schema.yaml.SourceDocument;
import io.gitmesh.schema.yaml.YamlReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.JsonNode;

/** {@code gitmesh inject -f FILE}: offline sidecar injection of the Pods and workloads in a manifest. */
@Command(name = "inject", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Inject the gitmesh sidecar into the Pods and the pod templates of Deployments, StatefulSets, "
                + "DaemonSets, ReplicaSets, ReplicationControllers, Jobs and CronJobs in a manifest, and print it.",
            "Other documents pass through unchanged (comments are not kept). Every namespace counts as enrolled; a "
                + "pod annotated gitmesh.io/inject: disabled is left alone. A workload's pods get their bootstrap "
                + "Secret from the webhook when they are created.",
            "Exit codes: 0 printed, 1 a document cannot be injected (nothing printed), 2 error."})
final class InjectCommand implements Callable<Integer> {
    private static final String STDIN = "-";

    @Spec
    CommandSpec spec;

    @Option(names = {"-f", "--filename"}, required = true, paramLabel = "FILE",
            description = "The manifest: YAML, one or more documents; - reads standard input.")
    String file;

    @Option(names = "--mode", paramLabel = "native|legacy", description = "The sidecar mode (default: native, the "
            + "MeshConfig's default).")
    String mode = SidecarMode.NATIVE.wireName();

    @Override
    public Integer call() {
        SidecarMode sidecarMode = SidecarMode.fromWireName(mode)
                .orElseThrow(() -> new UserError("--mode is native or legacy, not " + mode));
        String name = file.equals(STDIN) ? "stdin" : file;
        String sourceName = file.equals(STDIN) ? name : Path.of(file).getFileName().toString();
        ParsedFile parsed = new YamlReader(Limits.DEFAULT).read(new SourceFile(sourceName, read()));
        PrintWriter err = spec.commandLine().getErr();
        if (parsed.hasErrors()) {
            parsed.diagnostics().stream().map(Diagnostic::toText).forEach(err::println);
            throw new UserError(name + " is not a readable manifest");
        }
        ManifestInjector injector = new ManifestInjector(
                new PodMutator(InjectionSettings.DEFAULT.withMode(sidecarMode)), PodInput.ENROLLED_NAMESPACE);
        List<JsonNode> output = new ArrayList<>();
        boolean refused = false;
        for (SourceDocument document : parsed.documents()) {
            String where = name + ":" + document.start().line() + ": " + resource(document.root()) + ": ";
            switch (injector.inject(document.root())) {
                case ManifestInjection.Injected injected -> {
                    output.add(injected.document());
                    injected.warnings().forEach(w -> err.println(where + "warning: " + w));
                }
                case ManifestInjection.PassedThrough passed -> output.add(passed.document());
                case ManifestInjection.Unchanged unchanged -> {
                    output.add(unchanged.document());
                    err.println(where + "not injected: " + unchanged.reason());
                }
                case ManifestInjection.Refused refusal -> {
                    refused = true;
                    refusal.problems().forEach(p -> err.println(where + "cannot inject: " + p));
                }
            }
        }
        if (refused) {
            return 1;
        }
        spec.commandLine().getOut().print(ManifestYaml.write(output));
        spec.commandLine().getOut().flush();
        return 0;
    }

    private byte[] read() {
        try {
            return file.equals(STDIN) ? System.in.readAllBytes() : Files.readAllBytes(Path.of(file));
        } catch (NoSuchFileException e) {
            throw new UserError("no such file: " + file);
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** {@code Kind namespace/name}, as far as the document says. */
    private static String resource(JsonNode document) {
        String namespace = document.at("/metadata/namespace").asString("");
        return document.path("kind").asString("document") + " " + (namespace.isEmpty() ? "" : namespace + "/")
                + document.at("/metadata/name").asString("");
    }
}
