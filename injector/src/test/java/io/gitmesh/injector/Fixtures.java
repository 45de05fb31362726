package io.gitmesh.injector;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.gitmesh.injector.mutate.InjectionSettings;
import io.gitmesh.injector.mutate.Ipv4Range;
import io.gitmesh.injector.mutate.SidecarMode;
import io.gitmesh.injector.mutate.TrafficExclusions;
import io.gitmesh.schema.Limits;
import io.gitmesh.schema.SourceFile;
import io.gitmesh.schema.yaml.ParsedFile;
import io.gitmesh.schema.yaml.SourceDocument;
import io.gitmesh.schema.yaml.YamlReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The injection fixtures: {@code src/test/resources/testdata/<name>.yaml}, each with its golden
 * {@code <name>.injected.yaml}, and the settings each is injected with (the defaults unless named here).
 */
public final class Fixtures {
    public static final Path TESTDATA = Path.of(System.getProperty("gitmesh.root"),
            "injector/src/test/resources/testdata");
    public static final String GOLDEN_SUFFIX = ".injected.yaml";

    private static final Map<String, InjectionSettings> SETTINGS = Map.of(
            "legacy-mode", InjectionSettings.DEFAULT.withMode(SidecarMode.LEGACY),
            "exclusions", InjectionSettings.DEFAULT.withExclusions(new TrafficExclusions(List.of(15020),
                    List.of(443), List.of(Ipv4Range.parse("10.96.0.1").orElseThrow()))));

    private Fixtures() {
    }

    /** Every fixture's name (its file name without {@code .yaml}), sorted. */
    public static List<String> names() {
        try (Stream<Path> files = Files.list(TESTDATA)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(f -> f.endsWith(".yaml") && !f.endsWith(GOLDEN_SUFFIX))
                    .map(f -> f.substring(0, f.length() - ".yaml".length()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static InjectionSettings settings(String name) {
        return SETTINGS.getOrDefault(name, InjectionSettings.DEFAULT);
    }

    /** The fixture's documents, read as {@code gitmesh inject} reads them. */
    public static List<JsonNode> documents(String name) {
        return read(TESTDATA.resolve(name + ".yaml")).stream().map(SourceDocument::root).toList();
    }

    /** The golden file's text. */
    public static String golden(String name) {
        try {
            return Files.readString(TESTDATA.resolve(name + GOLDEN_SUFFIX), UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The golden file's documents (its comments dropped). */
    public static List<JsonNode> goldenDocuments(String name) {
        return read(TESTDATA.resolve(name + GOLDEN_SUFFIX)).stream().map(SourceDocument::root).toList();
    }

    /**
     * The pod a document stands for, as the API server would create it: a Pod itself, or a workload's pod
     * template in the workload's namespace, named by the API server from {@code generateName}
     * ({@code <workload>-}); empty for other kinds.
     */
    public static Optional<ObjectNode> podOf(JsonNode document) {
        String kind = document.path("kind").asString("");
        if (kind.equals("Pod")) {
            return Optional.of(((ObjectNode) document).deepCopy());
        }
        JsonNode template = kind.equals("CronJob") ? document.at("/spec/jobTemplate/spec/template")
                : document.at("/spec/template");
        if (!template.isObject()) {
            return Optional.empty();
        }
        ObjectNode pod = KubernetesJson.MAPPER.createObjectNode().put("apiVersion", "v1").put("kind", "Pod");
        ObjectNode metadata = template.path("metadata").isObject() ? ((ObjectNode) template.get("metadata")).deepCopy()
                : KubernetesJson.MAPPER.createObjectNode();
        metadata.put("generateName", document.at("/metadata/name").asString() + "-")
                .put("namespace", document.at("/metadata/namespace").asString());
        pod.set("metadata", metadata);
        pod.set("spec", template.get("spec").deepCopy());
        return Optional.of(pod);
    }

    private static List<SourceDocument> read(Path file) {
        try {
            ParsedFile parsed = new YamlReader(Limits.DEFAULT).read(new SourceFile(file.getFileName().toString(),
                    Files.readAllBytes(file)));
            if (parsed.hasErrors()) {
                throw new IllegalStateException(file + ": " + parsed.diagnostics());
            }
            return parsed.documents();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
