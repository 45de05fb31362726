package io.gitmesh.app.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.gitmesh.schema.Limits;
import io.gitmesh.schema.SourceFile;
import io.gitmesh.schema.yaml.ParsedFile;
import io.gitmesh.schema.yaml.SourceDocument;
import io.gitmesh.schema.yaml.YamlReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** {@code gitmesh inject} on OSM's demo manifests as they are, and on what it must refuse. */
class InjectCommandTest {
    private static final Set<String> WORKLOADS = Set.of("Deployment", "StatefulSet");

    static Stream<String> demoApps() throws IOException {
        try (Stream<Path> files = Files.list(SharedData.path("osm/demo/manifests/apps"))) {
            return files.map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("demoApps")
    void injectsTheWorkloadsOfOsmsDemoAndPassesTheRestThrough(String file) throws IOException {
        Path manifest = SharedData.path("osm/demo/manifests/apps").resolve(file);

        CliRun run = CliRun.of("inject", "-f", manifest.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<JsonNode> in = documents(Files.readString(manifest, UTF_8));
        List<JsonNode> out = documents(run.out());
        assertThat(out).hasSameSizeAs(in);
        for (int i = 0; i < in.size(); i++) {
            if (WORKLOADS.contains(in.get(i).path("kind").asString())) {
                JsonNode template = out.get(i).at("/spec/template");
                assertThat(template.at("/metadata/annotations/gitmesh.io~1injected").asString()).isEqualTo("native");
                assertThat(template.at("/spec/initContainers/1/name").asString()).isEqualTo("gitmesh-proxy");
                assertThat(out.get(i).at("/spec/selector")).isEqualTo(in.get(i).at("/spec/selector"));
            } else {
                assertThat(out.get(i)).isEqualTo(in.get(i));
            }
        }
    }

    @Test
    void readsStandardInputAndHonoursTheMode() {
        String pod = """
                apiVersion: v1
                kind: Pod
                metadata: {name: web, namespace: shop}
                spec:
                  containers: [{name: web, image: example/web:1}]
                """;
        InputStream stdin = System.in;
        CliRun run;
        try {
            System.setIn(new ByteArrayInputStream(pod.getBytes(UTF_8)));
            run = CliRun.of("inject", "-f", "-", "--mode", "legacy");
        } finally {
            System.setIn(stdin);
        }

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode injected = documents(run.out()).getFirst();
        assertThat(injected.at("/spec/containers/0/name").asString()).isEqualTo("gitmesh-proxy");
        assertThat(injected.at("/spec/volumes/0/secret/secretName").asString()).isEqualTo("gitmesh-sidecar-web");
    }

    @Test
    void aDocumentThatCannotBeInjectedPrintsNothingAndSaysWhy(@TempDir Path dir) throws IOException {
        Path manifest = dir.resolve("pods.yaml");
        Files.writeString(manifest, """
                apiVersion: v1
                kind: Pod
                metadata: {name: fine, namespace: shop}
                spec:
                  containers: [{name: app, image: example/app:1}]
                ---
                apiVersion: v1
                kind: Pod
                metadata:
                  name: typo
                  namespace: shop
                  annotations: {gitmesh.io/exclude-outbound-ports: "80,http"}
                spec:
                  containers: [{name: app, image: example/app:1}]
                """);

        CliRun run = CliRun.of("inject", "-f", manifest.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo(manifest + ":7: Pod shop/typo: cannot inject: "
                + "gitmesh.io/exclude-outbound-ports: \"http\" is not a port number (1-65535); write ports separated "
                + "by commas, like \"8080,9090\"\n");
    }

    @Test
    void badYamlAndMissingFilesAreErrors(@TempDir Path dir) throws IOException {
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, "kind: Pod\nspec: [\n");

        CliRun unreadable = CliRun.of("inject", "-f", broken.toString());
        CliRun missing = CliRun.of("inject", "-f", dir.resolve("nope.yaml").toString());

        assertThat(unreadable.exitCode()).isEqualTo(2);
        assertThat(unreadable.err()).startsWith("broken.yaml:3:1: error: YAML syntax error")
                .endsWith("\ngitmesh: " + broken + " is not a readable manifest\n");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("gitmesh: no such file: " + dir.resolve("nope.yaml") + "\n");
    }

    private static List<JsonNode> documents(String yaml) {
        ParsedFile parsed = new YamlReader(Limits.DEFAULT).read(new SourceFile("out.yaml", yaml.getBytes(UTF_8)));
        assertThat(parsed.diagnostics()).isEmpty();
        return parsed.documents().stream().map(SourceDocument::root).toList();
    }
}
