package io.gitmesh.app.deploy;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders deploy/helm/gitmesh with Helm itself: Helm Java (com.marcnuri.helm-java, Maven Central) runs
 * Helm's Go code (v3.21.0 in Helm Java 0.0.21) as a native library, so no helm binary is needed. That library ships for linux, macOS
 * and windows on amd64/arm64; elsewhere the tests that need it are skipped, not failed.
 */
final class HelmChart {
    static final String RELEASE = "gitmesh";
    /** Helm's library defaults to Kubernetes 1.20; the chart needs 1.29 (native sidecars). */
    static final String KUBE_VERSION = "v1.32.0";
    private static final Set<String> PLATFORMS = Set.of("linux-amd64", "linux-aarch64", "mac-x86_64",
            "mac-aarch64", "windows-amd64");

    private HelmChart() {
    }

    /** The objects `helm template gitmesh deploy/helm/gitmesh -n gitmesh-system --include-crds` gives. */
    static List<HasMetadata> render(Map<String, Object> values) {
        return StrictManifests.parse("helm template " + values, template(values));
    }

    /** The rendered text; {@code values} are --set pairs. */
    static String template(Map<String, Object> values) {
        requireNativeHelm();
        TemplateCommand command = new Helm(DeployTree.HELM_CHART).template().withName(RELEASE)
                .withNamespace(DeployTree.NAMESPACE).withKubeVersion(KUBE_VERSION);
        values.forEach(command::set);
        return command.call();
    }

    /** `helm lint --strict` of the chart. */
    static LintResult lintStrict() {
        requireNativeHelm();
        return new Helm(DeployTree.HELM_CHART).lint().strict().call();
    }

    private static void requireNativeHelm() {
        assumeTrue(PLATFORMS.contains(platform()), "Helm Java has no native Helm for " + platform());
    }

    private static String platform() {
        String os = System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT);
        String family = os.contains("linux") ? "linux" : os.contains("mac") ? "mac" : os.contains("win") ? "windows"
                : os;
        return family + "-" + System.getProperty("os.arch");
    }
}
