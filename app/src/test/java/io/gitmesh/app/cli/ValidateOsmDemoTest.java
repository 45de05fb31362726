package io.gitmesh.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OSM's bookstore demo is gitmesh input as it stands (issue 2, acceptance). */
class ValidateOsmDemoTest {
    private static final Path MANIFESTS = SharedData.path("osm/demo/manifests");

    @Test
    void theDemoAsApplyOrderIsValid(@TempDir Path repo) {
        SharedData.copyInto(MANIFESTS.resolve("apps"), repo);
        SharedData.copyInto(MANIFESTS.resolve("access/traffic-access-v1.yaml"), repo.resolve("access"));
        SharedData.copyInto(MANIFESTS.resolve("split/traffic-split-v1.yaml"), repo.resolve("split"));
        SharedData.copyInto(MANIFESTS.resolve("meshconfig"), repo);

        CliRun run = CliRun.of("validate", repo.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(lines(run.out())).noneMatch(l -> l.contains(": error: "));
        assertThat(run.out()).as("OSM MeshConfig fields gitmesh does not map are noted")
                .contains("meshconfig/mesh-config.yaml").contains("envoyImage");
        assertThat(run.out()).containsPattern(": valid \\(0 errors");
    }

    @Test
    void theWholeFolderHoldsAlternativesSoOnlyDuplicatesAreErrors() {
        CliRun run = CliRun.of("validate", MANIFESTS.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        List<String> errors = lines(run.out()).stream().filter(l -> l.contains(": error: ")).toList();
        assertThat(errors).allSatisfy(e -> assertThat(e).contains("duplicate resource"));
        List<String> accessPair = errors.stream().filter(e -> e.startsWith("access/")).toList();
        assertThat(accessPair).hasSize(6).allSatisfy(e -> assertThat(e)
                .contains("access/traffic-access-v1-allow-bookthief.yaml").contains("access/traffic-access-v1.yaml"));
        List<String> splits = errors.stream().filter(e -> e.startsWith("split/")).toList();
        assertThat(splits).hasSize(2).allSatisfy(e -> assertThat(e)
                .contains("TrafficSplit/bookstore/bookstore-split").contains("split/traffic-split-50-50.yaml"));
        assertThat(errors).hasSize(8);
    }

    @Test
    void jsonOutputIsStable(@TempDir Path repo) {
        SharedData.copyInto(MANIFESTS.resolve("split"), repo);

        CliRun run = CliRun.of("validate", repo.toString(), "-o", "json");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("\"valid\" : false").contains("\"severity\" : \"error\"")
                .contains("\"file\" : \"split/traffic-split-v1.yaml\"").contains("\"pointer\"")
                .contains("\"resource\" : \"TrafficSplit/bookstore/bookstore-split\"").contains("\"line\" : ")
                .contains("\"column\" : ").contains("\"message\" : ");
    }

    @Test
    void aMissingDirectoryIsAnErrorNotAStackTrace() {
        CliRun run = CliRun.of("validate", "/no/such/dir");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("gitmesh: no such directory: /no/such/dir" + System.lineSeparator());
    }

    @Test
    void aBadFlagIsAUsageError() {
        CliRun run = CliRun.of("validate", "--colour");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Unknown option: '--colour'").contains("validate --help");
    }

    private static List<String> lines(String text) {
        return Arrays.stream(text.split("\\R")).toList();
    }
}
