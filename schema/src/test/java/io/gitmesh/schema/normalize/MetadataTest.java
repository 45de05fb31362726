package io.gitmesh.schema.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitmesh.schema.Diagnostic;
import io.gitmesh.schema.kube.KubeNamespace;
import io.gitmesh.schema.kube.KubeServiceAccount;
import io.gitmesh.schema.policy.PolicyDocument;
import io.gitmesh.schema.policy.TcpRoute;
import io.gitmesh.schema.yaml.SourceDocument;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MetadataTest {

    private static String route(String metadata) {
        return """
                apiVersion: specs.smi-spec.io/v1alpha4
                kind: TCPRoute
                metadata:
                %s""".formatted(metadata.indent(2));
    }

    static Stream<Arguments> badMetadata() {
        String tooLong = "a".repeat(254);
        String tooLongLabel = "a".repeat(64);
        return Stream.of(
                Arguments.of("an upper-case name", "name: Routes", "/metadata/name", 4,
                        "metadata.name \"Routes\" is not a valid name: use lowercase letters, digits, '-' and '.',"
                                + " starting and ending with a letter or digit, at most 253 characters"),
                Arguments.of("an underscore in the name", "name: tcp_routes", "/metadata/name", 4,
                        "metadata.name \"tcp_routes\" is not a valid name"),
                Arguments.of("a name starting with a dash", "name: -routes", "/metadata/name", 4,
                        "metadata.name \"-routes\" is not a valid name"),
                Arguments.of("a name ending with a dot", "name: routes.", "/metadata/name", 4,
                        "metadata.name \"routes.\" is not a valid name"),
                Arguments.of("an empty name", "name: \"\"", "/metadata/name", 4,
                        "metadata.name \"\" is not a valid name"),
                Arguments.of("a name of 254 characters", "name: " + tooLong, "/metadata/name", 4,
                        "is not a valid name"),
                Arguments.of("a name that is a number", "name: 42", "/metadata/name", 4,
                        "metadata.name must be a string, not the number 42"),
                Arguments.of("no name", "namespace: shop", "/metadata/name", 3, "missing required field metadata.name"),
                Arguments.of("the layer5 namespace placeholder", "name: r\nnamespace: <NAMESPACE>",
                        "/metadata/namespace", 5, "metadata.namespace \"<NAMESPACE>\" is not a valid namespace: use"
                                + " lowercase letters, digits and '-', starting and ending with a letter or digit,"
                                + " at most 63 characters"),
                Arguments.of("a namespace with a dot", "name: r\nnamespace: shop.eu", "/metadata/namespace", 5,
                        "metadata.namespace \"shop.eu\" is not a valid namespace"),
                Arguments.of("a namespace of 64 characters", "name: r\nnamespace: " + tooLongLabel,
                        "/metadata/namespace", 5, "is not a valid namespace"),
                Arguments.of("a label value that is a number", "name: r\nlabels:\n  version: 2",
                        "/metadata/labels/version", 6,
                        "metadata.labels.version must be a string, not the number 2 (quote it)"),
                Arguments.of("an annotation value that is a boolean", "name: r\nannotations:\n  injected: true",
                        "/metadata/annotations/injected", 6,
                        "metadata.annotations.injected must be a string, not the boolean true (quote it)"),
                Arguments.of("labels that are a list", "name: r\nlabels: [a, b]", "/metadata/labels", 5,
                        "metadata.labels must be a mapping, not a list"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badMetadata")
    void reportsBadMetadataAtItsLine(String name, String metadata, String pointer, int line, String message) {
        Diagnostic d = Documents.onlyError(Documents.normalize(route(metadata)));
        assertThat(d.pointer()).isEqualTo(pointer);
        assertThat(d.line()).isEqualTo(line);
        assertThat(d.message()).contains(message);
        assertThat(d.resource()).startsWith("TCPRoute");
    }

    @Test
    void reportsAMissingMetadata() {
        Diagnostic d = Documents.onlyError(Documents.normalize("""
                apiVersion: specs.smi-spec.io/v1alpha4
                kind: TCPRoute
                spec: {}
                """));
        assertThat(d.message()).isEqualTo("missing required field metadata");
        assertThat(d.resource()).isEqualTo("TCPRoute");
    }

    @Test
    void readsLabelsAndAnnotationsAsStrings() {
        TcpRoute route = Documents.policy(route("""
                name: db-ports
                namespace: shop
                labels:
                  app: mysql
                  empty:
                annotations:
                  note: "42"
                """), TcpRoute.class);
        assertThat(route.meta().name()).isEqualTo("db-ports");
        assertThat(route.meta().namespace()).isEqualTo("shop");
        assertThat(route.meta().labels()).isEqualTo(Map.of("app", "mysql", "empty", ""));
        assertThat(route.meta().annotations()).isEqualTo(Map.of("note", "42"));
    }

    @Test
    void theOriginSaysWhereTheDocumentIs() {
        List<SourceDocument> docs = Documents.parse("routes/db.yaml", """
                apiVersion: v1
                kind: ServiceAccount
                metadata: {name: mysql}
                ---
                apiVersion: specs.smi-spec.io/v1alpha4
                kind: TCPRoute
                metadata:
                  name: db-ports
                """);
        PolicyDocument route = new Normalizer().normalize(docs.get(1), Documents.typeOf(docs.get(1)))
                .value().orElseThrow();
        assertThat(route.origin().file()).isEqualTo("routes/db.yaml");
        assertThat(route.origin().documentIndex()).isEqualTo(1);
        assertThat(route.origin().start().line()).isEqualTo(5);
        assertThat(route.origin().apiVersion()).isEqualTo("specs.smi-spec.io/v1alpha4");
        assertThat(route.origin().at("/metadata/name").line()).isEqualTo(8);
    }

    @Test
    void namespacesAreClusterScopedWhateverIsWritten() {
        KubeNamespace ns = Documents.kube("""
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: bookstore
                  namespace: ignored
                  labels: {openservicemesh.io/monitored-by: osm}
                """, KubeNamespace.class);
        assertThat(ns.meta().namespace()).isEmpty();
        assertThat(ns.key().toString()).isEqualTo("Namespace/bookstore");
        assertThat(ns.meta().labels()).containsEntry("openservicemesh.io/monitored-by", "osm");
    }

    @Test
    void namespacedObjectsDefaultToTheDefaultNamespace() {
        KubeServiceAccount sa = Documents.kube("""
                apiVersion: v1
                kind: ServiceAccount
                metadata: {name: bookbuyer}
                """, KubeServiceAccount.class);
        assertThat(sa.key().toString()).isEqualTo("ServiceAccount/default/bookbuyer");
    }

    @Test
    void reportsEveryPlaceholderNamespaceOfTheLayer5ConformanceData() {
        String path = "smi/conformance/layer5/test-yamls/traffic-spec/03-install.yaml";
        List<SourceDocument> docs = Documents.parse(path, Documents.shared(path));
        List<Diagnostic> diagnostics = docs.stream()
                .flatMap(doc -> new Normalizer().normalize(doc, Documents.typeOf(doc)).diagnostics().stream())
                .filter(d -> d.message().contains("<NAMESPACE>"))
                .toList();
        assertThat(diagnostics).allSatisfy(d -> {
            assertThat(d.isError()).isTrue();
            assertThat(d.file()).isEqualTo(path);
            assertThat(d.message()).contains("is not a valid namespace");
        });
        assertThat(diagnostics).extracting(d -> d.line() + " " + d.pointer()).containsExactly(
                "5 /metadata/namespace",
                "15 /metadata/namespace",
                "20 /spec/destination/namespace",
                "25 /spec/sources/0/namespace");
        assertThat(diagnostics.get(1).resource()).isEqualTo("TrafficTarget/<NAMESPACE>/service-targets");
    }
}
