package io.gitmesh.app.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.JsonFormat;
import io.envoyproxy.envoy.config.bootstrap.v3.Bootstrap;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code gitmesh render} and {@code gitmesh bootstrap} as a user runs them. */
class RenderCommandTest {
    private static final Path SAMPLE = Path.of(System.getProperty("gitmesh.root", "../..")).resolve("sample-repo");

    @Test
    void rendersTheResourcesOfAWorkloadByType() {
        CliRun run = CliRun.of("render", SAMPLE.toString(), "--workload", "bookstore/bookstore-v1");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"listeners\"", "\"routes\"", "\"clusters\"", "\"endpoints\"", "\"secrets\"")
                .contains("\"name\": \"inbound\"").contains("bookwarehouse/bookwarehouse:14001")
                .doesNotContain("PRIVATE KEY");
    }

    @Test
    void rendersYamlAndTheGrpcFlavour() {
        CliRun run = CliRun.of("render", SAMPLE.toString(), "--workload", "bookbuyer/bookbuyer", "--flavour", "grpc",
                "-o", "yaml");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("listeners:").contains("bookstore.bookstore.svc.cluster.local:14001");
    }

    @Test
    void anUnknownWorkloadIsAnErrorThatListsTheKnownOnes() {
        CliRun run = CliRun.of("render", SAMPLE.toString(), "--workload", "bookstore/nobody");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no workload bookstore/nobody").contains("bookbuyer/bookbuyer");
    }

    /** The same commit renders to the same bytes in another JVM: what makes `git revert` exact. */
    @Test
    void twoJvmsRenderByteIdenticalOutput() throws Exception {
        String inProcess = CliRun.of("render", SAMPLE.toString(), "--workload", "bookstore/bookstore-v1").out();
        assertThat(renderInNewJvm()).isEqualTo(inProcess).isEqualTo(renderInNewJvm());
    }

    @Test
    void theEnvoyBootstrapIsAValidBootstrapProto() throws Exception {
        CliRun run = CliRun.of("bootstrap", "--workload", "bookbuyer/bookbuyer", "--flavour", "envoy",
                "--xds-address", "gitmesh.gitmesh-system:15012", "--instance", "bookbuyer-7d9f", "--certs", "/etc/gitmesh");
        assertThat(run.exitCode()).as(run.err()).isZero();
        Bootstrap.Builder parsed = Bootstrap.newBuilder();
        JsonFormat.parser().usingTypeRegistry(io.gitmesh.xds.translate.ProxyConfigJson.TYPES).merge(run.out(), parsed);
        assertThat(parsed.getNode().getId()).isEqualTo("bookbuyer/bookbuyer-7d9f");
        assertThat(parsed.getNode().getMetadata().getFieldsOrThrow("gitmesh.io/service-account").getStringValue())
                .isEqualTo("bookbuyer");
        assertThat(parsed.getDynamicResources().getAdsConfig().getSetNodeOnFirstMessageOnly()).isTrue();
        assertThat(parsed.getStaticResources().getClusters(0).getTransportSocket().getName())
                .isEqualTo("envoy.transport_sockets.tls");
    }

    @Test
    void aBootstrapWithoutCertificatesNeedsInsecure() {
        CliRun run = CliRun.of("bootstrap", "--workload", "a/b", "--flavour", "grpc", "--xds-address", "h:1");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--certs DIR").contains("--insecure");
    }

    private static String renderInNewJvm() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        if (Runtime.version().feature() >= 24) {
            command.addAll(List.of("--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED"));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.gitmesh.app.Main", "render",
                SAMPLE.toString(), "--workload", "bookstore/bookstore-v1"));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        return out;
    }
}
