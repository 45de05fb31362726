package io.gitmesh.xds.override;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.gitmesh.schema.Diagnostic;
import io.gitmesh.schema.PolicyRead;
import io.gitmesh.schema.PolicyReader;
import io.gitmesh.schema.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * docs/envoy-overrides.md says what gitmesh does: every EnvoyOverride example in it validates, and an
 * example that names its file ({@code # file: ...}) reports exactly the diagnostics of the
 * {@code text} block that follows it.
 */
class DocumentationTest {
    private static final Path PAGE = Path.of(System.getProperty("gitmesh.root"), "docs", "envoy-overrides.md");
    private static final String FILE_COMMENT = "# file: ";

    /** A fenced block of the page: its language and its text. */
    private record Block(String language, String text) {
    }

    static Stream<Arguments> examples() throws IOException {
        List<Block> blocks = blocks(Files.readAllLines(PAGE, UTF_8));
        List<Arguments> examples = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            Block block = blocks.get(i);
            if (!block.language().equals("yaml") || !block.text().contains("kind: EnvoyOverride")) {
                continue;
            }
            String name = block.text().lines().map(String::trim).filter(l -> l.startsWith("name:")).findFirst()
                    .orElseThrow();
            if (block.text().startsWith(FILE_COMMENT)) {
                Block reported = blocks.get(i + 1);
                assertThat(reported.language()).as("the diagnostics of %s", name).isEqualTo("text");
                examples.add(arguments(name, block.text().lines().findFirst().orElseThrow()
                        .substring(FILE_COMMENT.length()), block.text(), reported.text().lines().toList()));
            } else {
                examples.add(arguments(name, "overrides.yaml", block.text(), List.of()));
            }
        }
        assertThat(examples).as("examples on the page").hasSizeGreaterThanOrEqualTo(5);
        return examples.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void examples(String name, String file, String yaml, List<String> reported) {
        PolicyRead read = new PolicyReader().read(List.of(new SourceFile(file, yaml.getBytes(UTF_8))));
        List<Diagnostic> diagnostics = new ArrayList<>(read.diagnostics());
        diagnostics.addAll(new OverrideValidator().validate(read.policies().envoyOverrides()).diagnostics());

        assertThat(diagnostics.stream().sorted().map(Diagnostic::toText).toList()).isEqualTo(reported);
    }

    @Test
    void theApplyTimeFailureOnThePageIsWhatTheApplierSays() throws IOException {
        String yaml = """
                # file: overrides/bookbuyer.yaml
                apiVersion: gitmesh.io/v1alpha1
                kind: EnvoyOverride
                metadata:
                  name: bookstore-timeouts
                  namespace: bookbuyer
                spec:
                  patches:
                  - target: {type: Cluster, name: "bookstore/bookstore:14001"}
                    operation: merge
                    value:
                      connect_timeout: 0s
                """;
        List<ValidOverride> overrides = new OverrideValidator().validate(new PolicyReader()
                .read(List.of(new SourceFile("overrides/bookbuyer.yaml", yaml.getBytes(UTF_8))))
                .policies().envoyOverrides()).valid();
        EnvoyResources generated = new EnvoyResources(List.of(),
                List.of(Fixtures.cluster("bookstore/bookstore:14001", Fixtures.seconds(1, 0))), List.of());

        Patched patched = new OverrideApplier().apply(generated, new Workload("bookbuyer", "bookbuyer", Map.of()),
                overrides);

        assertThat(patched.resources().clusters()).containsExactlyElementsOf(generated.clusters());
        assertThat(patched.diagnostics()).singleElement().extracting(Diagnostic::toText).satisfies(text ->
                assertThat(Files.readString(PAGE, UTF_8)).contains(text));
    }

    /** The fenced blocks of a markdown page, in order. */
    private static List<Block> blocks(List<String> lines) {
        List<Block> blocks = new ArrayList<>();
        String language = null;
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            if (language == null && line.startsWith("```")) {
                language = line.substring(3).trim();
                text.setLength(0);
            } else if (language != null && line.equals("```")) {
                blocks.add(new Block(language, text.toString()));
                language = null;
            } else if (language != null) {
                text.append(line).append('\n');
            }
        }
        return blocks;
    }
}
