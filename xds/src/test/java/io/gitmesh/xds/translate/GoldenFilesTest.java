package io.gitmesh.xds.translate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@link GoldenCases golden case}'s configs, printed by {@link ProxyConfigJson}, against
 * {@code xds/src/test/resources/golden/<case>/<group>.json}. A missing or different file fails, and so does
 * a file no case produces any more. {@code mvn test -Dgolden.update=true} rewrites the files and deletes
 * the stale ones; review the diff before committing it.
 */
class GoldenFilesTest {
    private static final Path GOLDEN = Path.of(System.getProperty("gitmesh.root"), "xds/src/test/resources/golden");
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    static Stream<Arguments> goldenFiles() {
        return GoldenCases.all().stream()
                .flatMap(c -> c.configsByFile().entrySet().stream())
                .map(file -> arguments(file.getKey(), ProxyConfigJson.print(file.getValue())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenFiles")
    void matchesItsGoldenFile(String file, String json) throws IOException {
        Path golden = GOLDEN.resolve(file);
        if (UPDATE) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, json, StandardCharsets.UTF_8);
        }
        assertThat(golden).as("golden file %s (run with -Dgolden.update=true to write it)", file).exists();
        assertThat(Files.readString(golden, StandardCharsets.UTF_8))
                .as("%s differs from its golden file (run with -Dgolden.update=true and review the diff)", file)
                .isEqualTo(json);
    }

    @Test
    void everyGoldenFileIsProducedByACase() throws IOException {
        Set<String> produced = new TreeSet<>(goldenFiles().map(arguments -> (String) arguments.get()[0]).toList());
        List<Path> stale;
        try (Stream<Path> files = Files.walk(GOLDEN)) {
            stale = files.filter(Files::isRegularFile)
                    .filter(path -> !produced.contains(GOLDEN.relativize(path).toString().replace('\\', '/')))
                    .sorted()
                    .toList();
        }
        if (UPDATE) {
            for (Path path : stale) {
                Files.delete(path);
            }
            return;
        }
        assertThat(stale).as("stale golden files (no case produces them; -Dgolden.update=true deletes them)").isEmpty();
    }
}
