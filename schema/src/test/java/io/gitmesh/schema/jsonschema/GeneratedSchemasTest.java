package io.gitmesh.schema.jsonschema;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitmesh.schema.DocumentType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The committed schemas are what {@link SchemaGenerator} derives from the CRDs today. After a change
 * to the generator or the CRDs, rewrite them with
 * {@code mvn -o -pl schema test -Dtest=GeneratedSchemasTest -Dgolden.update=true} and review the diff.
 */
class GeneratedSchemasTest {
    private static final Path SHARED = Path.of(System.getProperty("gitmesh.shared"));
    private static final Path RESOURCES =
            Path.of(System.getProperty("gitmesh.root")).resolve(SchemaGenerator.RESOURCES);
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    static Stream<Arguments> committedSchemaIsUpToDate() throws IOException {
        return SchemaGenerator.derive(SHARED).entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void committedSchemaIsUpToDate(String path, String derived) throws IOException {
        Path file = RESOURCES.resolve(path);
        if (UPDATE) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, derived);
        }
        assertThat(file).as("%s is not committed; run with -Dgolden.update=true", path).exists();
        assertThat(Files.readString(file)).as("%s is stale; run with -Dgolden.update=true and review the diff", path)
                .isEqualTo(derived);
    }

    @Test
    void everyCommittedSchemaIsDerivedOrHandWritten() throws IOException {
        SortedMap<String, String> derived = SchemaGenerator.derive(SHARED);
        Set<String> expected = new TreeSet<>(derived.keySet());
        expected.addAll(SchemaGenerator.HAND_WRITTEN);
        assertThat(committedSchemas()).as("no stale schema without a source").containsExactlyElementsOf(expected);
        assertThat(derived.keySet()).as("a hand-written schema is never also derived")
                .doesNotContainAnyElementsOf(SchemaGenerator.HAND_WRITTEN);
    }

    @Test
    void everyPolicyTypeHasASchema() throws IOException {
        List<String> needed = DocumentType.policyTypes().stream()
                .map(t -> t.group() + "/" + t.version() + "/" + t.kind() + ".json")
                .toList();
        assertThat(needed).hasSize(20);
        assertThat(committedSchemas()).containsAll(needed);
    }

    private static Set<String> committedSchemas() throws IOException {
        try (Stream<Path> files = Files.walk(RESOURCES)) {
            return files.filter(f -> f.toString().endsWith(".json"))
                    .map(f -> RESOURCES.relativize(f).toString().replace('\\', '/'))
                    .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
        }
    }
}
