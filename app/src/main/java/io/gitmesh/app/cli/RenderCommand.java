package io.gitmesh.app.cli;

import io.gitmesh.model.Identity;
import io.gitmesh.model.Mesh;
import io.gitmesh.reconciler.compile.CompiledRevision;
import io.gitmesh.xds.Flavour;
import io.gitmesh.xds.ProxyConfig;
import io.gitmesh.xds.SnapshotGroup;
import io.gitmesh.xds.override.OverrideValidator;
import io.gitmesh.xds.translate.ProxyConfigJson;
import io.gitmesh.xds.translate.ProxyConfigs;
import io.gitmesh.xds.translate.TranslateOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** {@code gitmesh render}: the xDS resources a workload would receive, by type, without key material. */
@Command(name = "render", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Print the xDS resources a workload would receive from this policy (secrets by name only).",
            "Exit codes: 0 rendered, 2 usage error or invalid policy."})
final class RenderCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RevisionOptions revision;

    @Option(names = "--workload", required = true, paramLabel = "NS/SA", converter = IdentityConverter.class,
            description = "The workload's namespace and service account.")
    Identity workload;

    @Option(names = "--flavour", paramLabel = "envoy|grpc", defaultValue = "envoy",
            description = "envoy (sidecar) or grpc (proxyless); default: ${DEFAULT-VALUE}.")
    String flavour;

    @Option(names = "--cluster-state", paramLabel = "FILE",
            description = "Kubernetes objects (file or directory) that stand in for the cluster.")
    Path clusterState;

    @Option(names = "--insecure-grpc", description = "Render the gRPC flavour for plaintext development (callers "
            + "identified by a header) instead of mTLS.")
    boolean insecureGrpc;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "json",
            description = "json or yaml (default: ${DEFAULT-VALUE}).")
    OutputFormat output;

    @Override
    public Integer call() {
        output.requireOneOf("render", OutputFormat.json, OutputFormat.yaml);
        Flavour f = Flavour.fromWireName(flavour).orElseThrow(() -> new UserError("--flavour is envoy or grpc, not "
                + flavour));
        CompiledRevision compiled = revision.compiled(new MeshLoader(clusterState));
        Mesh mesh = compiled.mesh().orElseThrow();
        if (!mesh.identities().contains(workload)) {
            throw new UserError("no workload " + workload + " in this mesh; it knows " + mesh.identities().stream()
                    .map(Identity::toString).collect(Collectors.joining(", ")));
        }
        var overrides = new OverrideValidator().validate(compiled.checked().policies().envoyOverrides()).valid();
        TranslateOptions options = insecureGrpc ? TranslateOptions.insecurePlaintextGrpc() : TranslateOptions.defaults();
        SnapshotGroup group = ProxyConfigs.group(mesh, workload, f);
        ProxyConfigs.Result result = new ProxyConfigs().build(mesh, compiled.cluster(), overrides, options,
                group::equals);
        ProxyConfig config = result.configs().get(group);
        PrintWriter out = spec.commandLine().getOut();
        String json = ProxyConfigJson.print(config);
        if (output == OutputFormat.yaml) {
            out.print(YAMLMapper.builder().build().writeValueAsString(JsonMapper.builder().build().readTree(json)));
        } else {
            out.print(json);
        }
        out.flush();
        PrintWriter err = spec.commandLine().getErr();
        result.diagnostics().forEach(d -> err.println(d.toText()));
        err.flush();
        return 0;
    }
}
