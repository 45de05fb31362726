package io.gitmesh.injector.manifest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.gitmesh.injector.Fixtures;
import io.gitmesh.injector.mutate.PodInput;
import io.gitmesh.injector.mutate.PodMutator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Every fixture {@code testdata/<name>.yaml} injected as {@code gitmesh inject} does, against its golden
 * {@code <name>.injected.yaml}: each document preceded by comments saying what happened (injected,
 * unchanged and why, refused and why, warnings). A missing or different golden fails, and so does a golden
 * without its fixture. {@code mvn test -Dgolden.update=true} rewrites them and deletes the stale ones;
 * review the diff before committing it.
 */
class GoldenManifestsTest {
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    static Stream<String> fixtures() {
        return Fixtures.names().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void matchesItsGoldenFile(String name) throws IOException {
        String actual = render(name);
        Path golden = Fixtures.TESTDATA.resolve(name + Fixtures.GOLDEN_SUFFIX);
        if (UPDATE) {
            Files.writeString(golden, actual, UTF_8);
        }
        assertThat(golden).as("golden file of %s (run with -Dgolden.update=true to write it)", name).exists();
        assertThat(Fixtures.golden(name))
                .as("%s differs from its golden file (run with -Dgolden.update=true and review the diff)", name)
                .isEqualTo(actual);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void injectingTheGoldenAgainChangesNothing(String name) {
        ManifestInjector injector = injector(name);
        for (JsonNode document : Fixtures.goldenDocuments(name)) {
            switch (injector.inject(document)) {
                case ManifestInjection.PassedThrough passed -> assertThat(passed.document()).isEqualTo(document);
                case ManifestInjection.Unchanged unchanged -> assertThat(unchanged.document()).isEqualTo(document);
                case ManifestInjection.Injected injected -> fail("injected again: %s", injected.document());
                case ManifestInjection.Refused refused -> fail("refused: %s", refused.problems());
            }
        }
    }

    @Test
    void everyGoldenFileHasItsFixture() throws IOException {
        Set<String> fixtures = new TreeSet<>(Fixtures.names());
        List<Path> stale;
        try (Stream<Path> files = Files.list(Fixtures.TESTDATA)) {
            stale = files.filter(p -> p.getFileName().toString().endsWith(Fixtures.GOLDEN_SUFFIX))
                    .filter(p -> !fixtures.contains(p.getFileName().toString()
                            .replace(Fixtures.GOLDEN_SUFFIX, "")))
                    .sorted()
                    .toList();
        }
        if (UPDATE) {
            for (Path path : stale) {
                Files.delete(path);
            }
            return;
        }
        assertThat(stale).as("stale golden files (no fixture; -Dgolden.update=true deletes them)").isEmpty();
    }

    private static ManifestInjector injector(String name) {
        return new ManifestInjector(new PodMutator(Fixtures.settings(name)), PodInput.ENROLLED_NAMESPACE);
    }

    private static String render(String name) {
        ManifestInjector injector = injector(name);
        StringBuilder out = new StringBuilder();
        for (JsonNode document : Fixtures.documents(name)) {
            switch (injector.inject(document)) {
                case ManifestInjection.Injected injected -> {
                    out.append("# injected\n");
                    injected.warnings().forEach(w -> out.append("# warning: ").append(w).append('\n'));
                    out.append(ManifestYaml.write(List.of(injected.document())));
                }
                case ManifestInjection.Unchanged unchanged -> out.append("# unchanged: ").append(unchanged.reason())
                        .append('\n').append(ManifestYaml.write(List.of(unchanged.document())));
                case ManifestInjection.PassedThrough passed -> out.append("# passed through: not a workload\n")
                        .append(ManifestYaml.write(List.of(passed.document())));
                case ManifestInjection.Refused refused ->
                        refused.problems().forEach(p -> out.append("# refused: ").append(p).append('\n'));
            }
        }
        return out.toString();
    }
}
