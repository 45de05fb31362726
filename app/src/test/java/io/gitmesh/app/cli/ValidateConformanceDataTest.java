package io.gitmesh.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The layer5 SMI conformance steps (shared/smi/conformance): each step's documents are validated as
 * kuttl would apply them (its {@code <NAMESPACE>} replaced), with the step's apps as cluster state.
 * The known flaws of the data (CASES.md) come back as diagnostics on the right line.
 */
class ValidateConformanceDataTest {
    private static final Path DATA = SharedData.path("smi/conformance/layer5/test-yamls");
    private static final String NAMESPACE = "smi-conformance";

    static Stream<Arguments> steps() {
        return Stream.of(
                Arguments.of("traffic-access/04-install.yaml", 0, List.of()),
                Arguments.of("traffic-access/04-assert.yaml", 0, List.of()),
                Arguments.of("traffic-spec/03-install.yaml (v1alpha4 matches at the top; port in v1alpha3)", 1,
                        List.of("03-install.yaml:6:1: error: unknown field \"matches\"",
                                "03-install.yaml:21:5: error: unknown field \"port\"")),
                Arguments.of("traffic-spec/05-install.yaml (port in v1alpha3)", 1,
                        List.of("05-install.yaml:23:5: error: unknown field \"port\"")),
                Arguments.of("traffic-split/04-install.yaml", 0, List.of()),
                Arguments.of("traffic-split/06-install.yaml", 0, List.of()),
                Arguments.of("traffic-split/08-install.yaml", 0, List.of()),
                Arguments.of("traffic-split/10-install.yaml", 0, List.of()),
                Arguments.of("traffic-access/01-assert.yaml (apiextensions v1beta1)", 0,
                        List.of("01-assert.yaml:2:1: info: CustomResourceDefinition (apiextensions.k8s.io/v1beta1)",
                                "removed in Kubernetes 1.22")),
                Arguments.of("traffic-access/03-trafficDefault.yaml (a kuttl hook)", 0,
                        List.of("03-trafficDefault.yaml:2:1: info: TestStep (kudo.dev/v1alpha1) is not used by gitmesh")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("steps")
    void validatesEachStepAsKuttlAppliesIt(String name, int exitCode, List<String> expected, @TempDir Path tmp) {
        String step = name.split(" ")[0];
        Path dir = DATA.resolve(step).getParent();
        Path repo = tmp.resolve("repo");
        SharedData.withNamespace(DATA.resolve(step), repo.resolve(Path.of(step).getFileName()), NAMESPACE);
        Path apps = SharedData.withNamespace(dir.resolve("02-install.yaml"), tmp.resolve("apps.yaml"), NAMESPACE);

        CliRun run = CliRun.of("validate", repo.toString(), "--cluster-state", apps.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(exitCode);
        expected.forEach(line -> assertThat(run.out()).as(run.out()).contains(line));
        List<String> errors = Arrays.stream(run.out().split("\\R")).filter(l -> l.contains(": error: ")).toList();
        assertThat(errors).as("no error beyond the known flaws").hasSize((int) expected.stream()
                .filter(e -> e.contains(": error: ")).count());
    }

    @Test
    void thePlaceholderNamespaceIsNotAValidName(@TempDir Path repo) {
        SharedData.copyInto(DATA.resolve("traffic-access/04-install.yaml"), repo);

        CliRun run = CliRun.of("validate", repo.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("04-install.yaml:6:3: error:").contains("<NAMESPACE>");
    }
}
