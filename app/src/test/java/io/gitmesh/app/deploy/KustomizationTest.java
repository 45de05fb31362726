package io.gitmesh.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The kustomize tree: every file is listed, and what it builds is what the reader here says. */
class KustomizationTest {
    static Stream<Arguments> kustomizations() {
        return DeployTree.yamlFiles(DeployTree.KUSTOMIZE)
                .filter(p -> p.getFileName().toString().equals(DeployTree.KUSTOMIZATION))
                .map(p -> Arguments.of(DeployTree.display(p.getParent()), p.getParent()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void listsEveryManifestInItsFolder(String name, Path dir) throws IOException {
        Kustomization kustomization = Kustomization.read(dir);
        List<String> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .filter(f -> f.endsWith(".yaml") && !f.equals(DeployTree.KUSTOMIZATION)).sorted().toList();
        }
        List<String> listedFiles = kustomization.resources().stream().map(dir::resolve).map(Path::normalize)
                .filter(p -> Files.isRegularFile(p) && p.getParent().equals(dir)).map(p -> p.getFileName().toString())
                .sorted().toList();
        assertThat(listedFiles).as("files of %s named in its kustomization.yaml", name).isEqualTo(files);
        assertThat(kustomization.resources()).allSatisfy(r -> assertThat(dir.resolve(r)).exists());
    }

    @Test
    void theBaseIsTheCoreInstallWithTheSmiCrds() {
        List<ObjectKey> keys = keys(Kustomization.read(DeployTree.KUSTOMIZE_BASE).build());
        assertThat(keys).doesNotHaveDuplicates()
                .contains(new ObjectKey("Namespace", "", DeployTree.NAMESPACE),
                        new ObjectKey("Deployment", DeployTree.NAMESPACE, "gitmesh"),
                        new ObjectKey("MutatingWebhookConfiguration", "", "gitmesh-injector"),
                        new ObjectKey("CustomResourceDefinition", "", "traffictargets.access.smi-spec.io"))
                .allSatisfy(k -> assertThat(k.kind().equals("Namespace") || k.namespace().isEmpty()
                        || k.namespace().equals(DeployTree.NAMESPACE)).as("%s in gitmesh-system", k).isTrue());
    }

    @Test
    void theCertManagerComponentIsAComponent() {
        assertThat(Kustomization.read(DeployTree.CERT_MANAGER_COMPONENT).kind()).isEqualTo("Component");
    }

    /**
     * Where a kubectl with kustomize 4 or later is installed, its build of the base agrees with the reader
     * here. (Debian 12's kubernetes-client is kubectl 1.20, whose kustomize 2.0 predates folders in
     * {@code resources}: it is skipped.)
     */
    @Test
    void kubectlKustomizeBuildsTheSameObjects() throws Exception {
        assumeTrue(onPath("kubectl"), "kubectl is not installed; the reader above stands in for kustomize");
        Matcher version = Pattern.compile("Kustomize Version: v(\\d+)\\.")
                .matcher(run("kubectl", "version", "--client"));
        assumeTrue(version.find() && Integer.parseInt(version.group(1)) >= 4, "kubectl's kustomize is older than 4");
        String built = run("kubectl", "kustomize", DeployTree.KUSTOMIZE_BASE.toString());
        assertThat(keys(StrictManifests.parse("kubectl kustomize", built)))
                .containsExactlyInAnyOrderElementsOf(keys(Kustomization.read(DeployTree.KUSTOMIZE_BASE).build()));
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s finished", List.of(command)).isTrue();
        assertThat(process.exitValue()).as("exit code of %s", List.of(command)).isZero();
        return out;
    }

    static List<ObjectKey> keys(List<HasMetadata> objects) {
        return objects.stream().map(ObjectKey::of).sorted().toList();
    }

    private static boolean onPath(String command) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }
}
