package io.gitmesh.schema.jsonschema;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.gitmesh.schema.Diagnostic;
import io.gitmesh.schema.PolicyRead;
import io.gitmesh.schema.PolicyReader;
import io.gitmesh.schema.Severity;
import io.gitmesh.schema.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SMI and OSM documents written elsewhere (shared/, see SOURCES.md), read as they are. */
class ThirdPartyDocumentsTest {
    private static final Path SHARED = Path.of(System.getProperty("gitmesh.shared"));
    private static final Path LAYER5 = SHARED.resolve("smi/conformance/layer5/test-yamls");

    private static List<Diagnostic> validate(Path file) throws IOException {
        // kuttl puts the test namespace in place of <NAMESPACE> before it applies a step
        String text = Files.readString(file).replace("<NAMESPACE>", "smi-conformance");
        return Documents.validate(SHARED.relativize(file).toString(), text);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "access/traffic-access-v1.yaml",
            "access/traffic-access-v1-allow-bookthief.yaml",
            "split/traffic-split-v1.yaml",
            "split/traffic-split-50-50.yaml",
            "split/traffic-split-v2.yaml",
            "apps/bookstore-v2.yaml",
            "samples/canary/httpbin-split.yaml"})
    void osmDemoPolicyPasses(String file) throws IOException {
        assertThat(validate(SHARED.resolve("osm/demo/manifests").resolve(file))).isEmpty();
    }

    @Test
    void osmDemoMeshConfigPassesWithWarningsForWhatAClusterWouldNotAccept() throws IOException {
        List<Diagnostic> findings = validate(SHARED.resolve("osm/demo/manifests/meshconfig/mesh-config.yaml"));

        assertThat(findings).allMatch(d -> d.severity() == Severity.WARNING);
        assertThat(findings).extracting(Diagnostic::line, Diagnostic::pointer).containsExactly(
                tuple(18, "/spec/observability/outboundPortExclusionList"),
                tuple(19, "/spec/observability/inboundPortExclusionList"),
                tuple(20, "/spec/observability/outboundIPRangeExclusionList"),
                tuple(23, "/spec/certificate"));
        assertThat(findings.getFirst().message()).isEqualTo("unknown field \"outboundPortExclusionList\" in"
                + " spec.observability (MeshConfig config.openservicemesh.io/v1alpha1 has no such field; a cluster"
                + " would drop it); gitmesh ignores it");
        assertThat(findings.getLast().message()).isEqualTo("missing required field \"certKeyBitSize\" in"
                + " spec.certificate (a cluster would reject this MeshConfig config.openservicemesh.io/v1alpha1;"
                + " gitmesh reads the document anyway)");
    }

    @Test
    void layer5TrafficSpecStepThreeHasTwoFieldsAClusterWouldDrop() throws IOException {
        List<Diagnostic> findings = validate(LAYER5.resolve("traffic-spec/03-install.yaml"));

        assertThat(findings).extracting(Diagnostic::severity, Diagnostic::line, Diagnostic::pointer).containsExactly(
                tuple(Severity.ERROR, 6, "/matches"),
                tuple(Severity.ERROR, 21, "/spec/destination/port"));
        assertThat(findings.get(0).message()).startsWith("unknown field \"matches\" at the top level (HTTPRouteGroup"
                + " specs.smi-spec.io/v1alpha4 has no such field; a cluster would drop it)");
        assertThat(findings.get(1).message()).isEqualTo("unknown field \"port\" in spec.destination (TrafficTarget"
                + " access.smi-spec.io/v1alpha3 has no such field; a cluster would drop it)");
        assertThat(findings).extracting(Diagnostic::file)
                .containsOnly("smi/conformance/layer5/test-yamls/traffic-spec/03-install.yaml");
    }

    @Test
    void thePolicyReaderDropsTheFlawedLayer5DocumentsAndSaysWhere() throws IOException {
        Path file = LAYER5.resolve("traffic-spec/03-install.yaml");
        byte[] text = Files.readString(file).replace("<NAMESPACE>", "smi-conformance").getBytes(UTF_8);

        PolicyRead read = new PolicyReader().read(List.of(new SourceFile("03-install.yaml", text)));

        assertThat(read.diagnostics()).filteredOn(Diagnostic::isError)
                .extracting(Diagnostic::file, Diagnostic::line, Diagnostic::resource)
                .containsExactly(
                        tuple("03-install.yaml", 6, "HTTPRouteGroup/smi-conformance/http-rg"),
                        tuple("03-install.yaml", 21, "TrafficTarget/smi-conformance/service-targets"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "traffic-access/04-install.yaml",
            "traffic-split/04-install.yaml",
            "traffic-split/06-install.yaml",
            "traffic-split/08-install.yaml",
            "traffic-split/10-install.yaml"})
    void layer5StepsWithoutKnownFlawsPass(String file) throws IOException {
        assertThat(validate(LAYER5.resolve(file))).isEmpty();
    }

    @Test
    void layer5TrafficSpecStepFiveKeepsTheStringPort() throws IOException {
        assertThat(validate(LAYER5.resolve("traffic-spec/05-install.yaml")))
                .extracting(Diagnostic::line, Diagnostic::pointer)
                .containsExactly(tuple(23, "/spec/destination/port"));
    }
}
