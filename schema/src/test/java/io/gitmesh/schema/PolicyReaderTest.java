package io.gitmesh.schema;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What the reader says about documents before any rule of meaning: identity, kind, version, duplicates. */
class PolicyReaderTest {
    private static final String ROUTE = """
            apiVersion: specs.smi-spec.io/v1alpha4
            kind: TCPRoute
            metadata: {name: db, namespace: shop}
            spec:
              matches:
                ports: [5432]
            """;

    static Stream<Arguments> documents() {
        return Stream.of(
                arguments("an unknown kind is a notice", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n",
                        Severity.INFO, 2, "ConfigMap (v1) is not used by gitmesh; ignored"),
                arguments("a removed API version is named", "apiVersion: extensions/v1beta1\nkind: Ingress\n"
                        + "metadata: {name: i}\n", Severity.INFO, 2, "removed in Kubernetes 1.16"),
                arguments("an SMI kind in a version gitmesh does not read is an error",
                        "apiVersion: access.smi-spec.io/v1alpha4\nkind: TrafficTarget\nmetadata: {name: t}\n",
                        Severity.ERROR, 1, "TrafficTarget access.smi-spec.io/v1alpha4 is not supported; use one of"),
                arguments("a document without apiVersion and kind is skipped", "replicas: 3\n", Severity.INFO, 1,
                        "no apiVersion and kind"),
                arguments("a kind without apiVersion is an error", "kind: Service\n", Severity.ERROR, 1,
                        "missing or non-string apiVersion"),
                arguments("a list at the top is skipped", "- a\n- b\n", Severity.INFO, 1, "not a mapping"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documents")
    void saysWhatItIsAndWhere(String name, String yaml, Severity severity, int line, String words) {
        PolicyRead read = new PolicyReader().read(List.of(file("doc.yaml", yaml)));
        assertThat(read.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.severity()).isEqualTo(severity);
            assertThat(d.file()).isEqualTo("doc.yaml");
            assertThat(d.line()).isEqualTo(line);
            assertThat(d.message()).contains(words);
        });
        assertThat(read.policies().documents()).isEmpty();
    }

    @Test
    void aDuplicateResourceNamesBothPlacesAndTheFirstIsKept() {
        PolicyRead read = new PolicyReader().read(List.of(file("b.yaml", ROUTE.replace("5432", "5433")),
                file("a.yaml", "# first\n" + ROUTE)));
        assertThat(read.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.isError()).isTrue();
            assertThat(d.file()).isEqualTo("b.yaml");
            assertThat(d.line()).isEqualTo(1);
            assertThat(d.resource()).isEqualTo("TCPRoute/shop/db");
            assertThat(d.message()).isEqualTo("duplicate resource TCPRoute/shop/db: also defined in a.yaml:2");
        });
        assertThat(read.policies().tcpRoutes()).singleElement().satisfies(r -> assertThat(r.ports())
                .containsExactly(5432));
    }

    @Test
    void theSameResourceInTwoVersionsIsADuplicate() {
        String old = """
                apiVersion: specs.smi-spec.io/v1alpha1
                kind: TCPRoute
                metadata: {name: db, namespace: shop}
                """;
        PolicyRead read = new PolicyReader().read(List.of(file("a.yaml", ROUTE), file("b.yaml", old)));
        assertThat(read.diagnostics()).singleElement().extracting(Diagnostic::message).asString()
                .startsWith("duplicate resource TCPRoute/shop/db");
    }

    @Test
    void aRepositoryHasAtMostOneMeshConfig() {
        String mesh = "apiVersion: gitmesh.io/v1alpha1\nkind: MeshConfig\nmetadata: {name: %s}\n";
        PolicyRead read = new PolicyReader().read(List.of(file("a.yaml", mesh.formatted("mesh")),
                file("b.yaml", mesh.formatted("other"))));
        assertThat(read.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.file()).isEqualTo("b.yaml");
            assertThat(d.message()).contains("a second MeshConfig").contains("MeshConfig/mesh in a.yaml:1");
        });
        assertThat(read.policies().meshConfig()).hasValueSatisfying(m -> assertThat(m.meta().name())
                .isEqualTo("mesh"));
    }

    @Test
    void filesReadOneByOneCombineToTheSameResultInAnyOrder() {
        PolicyReader reader = new PolicyReader();
        List<SourceFile> files = List.of(file("b.yaml", ROUTE), file("a.yaml", ROUTE.replace("db", "cache")));
        PolicyRead whole = reader.read(files);
        PolicyRead combined = reader.combine(files.reversed().stream().map(reader::readFile).toList());
        assertThat(combined.policies().documents()).extracting(d -> d.key().toString())
                .containsExactly("TCPRoute/shop/cache", "TCPRoute/shop/db")
                .isEqualTo(whole.policies().documents().stream().map(d -> d.key().toString()).toList());
        assertThat(combined.diagnostics()).isEqualTo(whole.diagnostics());
    }

    private static SourceFile file(String path, String text) {
        return new SourceFile(path, text.getBytes(UTF_8));
    }
}
