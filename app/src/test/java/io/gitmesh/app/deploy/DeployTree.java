package io.gitmesh.app.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Where the install lives in the repository: {@code deploy/} and its parts. */
final class DeployTree {
    static final Path ROOT = Path.of(System.getProperty("gitmesh.root", "..")).toAbsolutePath().normalize();
    static final Path DEPLOY = ROOT.resolve("deploy");
    static final Path KUSTOMIZE = DEPLOY.resolve("kustomize");
    static final Path KUSTOMIZE_BASE = KUSTOMIZE.resolve("base");
    static final Path KUSTOMIZE_CRDS = KUSTOMIZE.resolve("crds");
    static final Path CERT_MANAGER_COMPONENT = KUSTOMIZE.resolve("components/cert-manager");
    static final Path SECRET_TEMPLATES = DEPLOY.resolve("secrets");
    static final Path HELM_CHART = DEPLOY.resolve("helm/gitmesh");
    static final String NAMESPACE = "gitmesh-system";
    static final String KUSTOMIZATION = "kustomization.yaml";

    private DeployTree() {
    }

    /**
     * Every Kubernetes manifest under {@code deploy/} that is plain YAML: the kustomize trees, the Secret
     * templates and the chart's CRDs (the chart's templates are Go templates: they are checked rendered).
     */
    static List<Path> plainManifests() {
        return Stream.of(KUSTOMIZE, SECRET_TEMPLATES, HELM_CHART.resolve("crds"))
                .flatMap(DeployTree::yamlFiles)
                .filter(p -> !p.getFileName().toString().equals(KUSTOMIZATION))
                .sorted()
                .toList();
    }

    /** The {@code *.yaml} files under {@code dir}, at any depth, sorted. */
    static Stream<Path> yamlFiles(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(".yaml"))
                    .sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code file} relative to the repository root, with forward slashes: a readable test-case name. */
    static String display(Path file) {
        return ROOT.relativize(file).toString().replace('\\', '/');
    }
}
