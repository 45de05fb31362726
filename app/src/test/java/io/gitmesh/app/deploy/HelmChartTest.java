package io.gitmesh.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** deploy/helm/gitmesh, rendered by Helm: with its defaults it is the kustomize base, and its values work. */
class HelmChartTest {
    /** The labels Helm's release adds; the kustomize base has no release. */
    private static final List<String> RELEASE_LABELS = List.of("app.kubernetes.io/instance",
            "app.kubernetes.io/version", "app.kubernetes.io/managed-by", "helm.sh/chart");
    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    /** Helm creates the release's namespace (--create-namespace); the base creates it as an object. */
    private static List<HasMetadata> baseWithoutNamespace() {
        return Kustomization.read(DeployTree.KUSTOMIZE_BASE).build().stream()
                .filter(o -> !o.getKind().equals("Namespace")).toList();
    }

    /** The chart's templates rendered with its defaults, and the CRDs Helm installs from its crds/ folder. */
    private static List<HasMetadata> chartWithDefaults() {
        List<HasMetadata> objects = new ArrayList<>(HelmChart.render(Map.of()));
        DeployTree.yamlFiles(DeployTree.HELM_CHART.resolve("crds"))
                .forEach(f -> objects.addAll(StrictManifests.parse(DeployTree.display(f), DeployTree.read(f))));
        return objects;
    }

    @Test
    void defaultsProduceTheObjectsOfTheKustomizeBase() {
        assertThat(KustomizationTest.keys(chartWithDefaults()))
                .containsExactlyElementsOf(KustomizationTest.keys(baseWithoutNamespace()));
    }

    /** Not only the same names: the same content, but for the labels that name the Helm release. */
    @Test
    void defaultsProduceTheSameContentAsTheKustomizeBase() {
        Map<ObjectKey, JsonNode> chart = comparable(chartWithDefaults());
        Map<ObjectKey, JsonNode> base = comparable(baseWithoutNamespace());
        assertThat(chart.keySet()).isEqualTo(base.keySet());
        chart.forEach((key, json) -> assertThat(json).as("%s rendered by Helm vs the kustomize base", key)
                .isEqualTo(base.get(key)));
    }

    @Test
    void theChartPassesHelmLintStrict() {
        LintResult lint = HelmChart.lintStrict();
        assertThat(lint.isFailed()).as("helm lint --strict: %s", lint.getMessages()).isFalse();
    }

    @Test
    void theCrdsAreTheSmiOnesUnchanged() throws IOException {
        Path shared = Path.of(System.getProperty("gitmesh.shared")).resolve("smi/crds");
        List<String> names = DeployTree.yamlFiles(DeployTree.KUSTOMIZE_CRDS).map(p -> p.getFileName().toString())
                .filter(n -> !n.equals(DeployTree.KUSTOMIZATION)).toList();
        assertThat(DeployTree.yamlFiles(DeployTree.HELM_CHART.resolve("crds")).map(p -> p.getFileName().toString()))
                .containsExactlyElementsOf(names);
        assertThat(names).containsExactly("access.yaml", "httproutegroup.yaml", "split.yaml", "tcproute.yaml",
                "udproute.yaml");
        for (String name : names) {
            byte[] upstream = Files.readAllBytes(shared.resolve(name));
            assertThat(Files.readAllBytes(DeployTree.KUSTOMIZE_CRDS.resolve(name))).as(name).isEqualTo(upstream);
            assertThat(Files.readAllBytes(DeployTree.HELM_CHART.resolve("crds").resolve(name))).as(name)
                    .isEqualTo(upstream);
        }
    }

    static Stream<Arguments> values() {
        return Stream.of(
                Arguments.of("enrolledNamespaces binds the workload Secrets per namespace",
                        Map.of("enrolledNamespaces[0]", "team-a", "enrolledNamespaces[1]", "team-b"),
                        (Consumer<List<HasMetadata>>) objects ->
                                assertThat(KustomizationTest.keys(objects))
                                        .contains(new ObjectKey("RoleBinding", "team-a", "gitmesh-workload-secrets"),
                                                new ObjectKey("RoleBinding", "team-b", "gitmesh-workload-secrets"))
                                        .doesNotContain(new ObjectKey("ClusterRoleBinding", "",
                                                "gitmesh-workload-secrets"))),
                Arguments.of("certManager.enabled adds the cert-manager component's objects",
                        Map.of("certManager.enabled", true), (Consumer<List<HasMetadata>>) objects ->
                                assertThat(KustomizationTest.keys(objects)).containsAll(KustomizationTest.keys(
                                        Kustomization.read(DeployTree.CERT_MANAGER_COMPONENT).build()))),
                Arguments.of("git.auth=ssh reads the key and known_hosts",
                        Map.of("git.auth", "ssh"), (Consumer<List<HasMetadata>>) objects ->
                                assertThat(args(objects)).contains("--ssh-key=/etc/gitmesh/git/ssh-privatekey",
                                        "--known-hosts=/etc/gitmesh/git/known_hosts")
                                        .noneMatch(a -> a.startsWith("--git-token-file"))),
                Arguments.of("git.auth=none mounts no credentials",
                        Map.of("git.auth", "none"), (Consumer<List<HasMetadata>>) objects -> {
                            assertThat(args(objects)).noneMatch(a -> a.startsWith("--git-") || a.startsWith("--ssh"));
                            assertThat(deployment(objects).getSpec().getTemplate().getSpec().getVolumes())
                                    .noneMatch(v -> v.getName().equals("git-credentials"));
                        }),
                Arguments.of("repo, git and trust domain values become arguments",
                        Map.of("repo.pollInterval", "1m", "repo.paths[0]", "mesh", "repo.paths[1]", "policy/prod",
                                "git.username", "bot", "trustDomain", "example.org"),
                        (Consumer<List<HasMetadata>>) objects -> assertThat(args(objects)).contains("--interval=1m",
                                "--path=mesh", "--path=policy/prod", "--git-username=bot",
                                "--trust-domain=example.org")),
                Arguments.of("pushWebhook.enabled=false drops the webhook secret",
                        Map.of("pushWebhook.enabled", false), (Consumer<List<HasMetadata>>) objects ->
                                assertThat(args(objects)).noneMatch(a -> a.startsWith("--webhook-secret-file"))),
                Arguments.of("injector.failurePolicy and timeoutSeconds reach the webhook",
                        Map.of("injector.failurePolicy", "Ignore", "injector.timeoutSeconds", 5),
                        (Consumer<List<HasMetadata>>) objects -> {
                            var webhook = objects.stream().filter(MutatingWebhookConfiguration.class::isInstance)
                                    .map(MutatingWebhookConfiguration.class::cast).findFirst().orElseThrow()
                                    .getWebhooks().getFirst();
                            assertThat(webhook.getFailurePolicy()).isEqualTo("Ignore");
                            assertThat(webhook.getTimeoutSeconds()).isEqualTo(5);
                        }),
                Arguments.of("replicas, image and networkPolicy.enabled=false",
                        Map.of("replicas", 3, "image.tag", "0.2.0", "networkPolicy.enabled", false),
                        (Consumer<List<HasMetadata>>) objects -> {
                            assertThat(deployment(objects).getSpec().getReplicas()).isEqualTo(3);
                            assertThat(deployment(objects).getSpec().getTemplate().getSpec().getContainers()
                                    .getFirst().getImage()).isEqualTo("ghcr.io/gitmesh/gitmesh:0.2.0");
                            assertThat(objects).noneMatch(o -> o.getKind().equals("NetworkPolicy"));
                        }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("values")
    void valuesChangeWhatTheySay(String name, Map<String, Object> values, Consumer<List<HasMetadata>> check) {
        check.accept(HelmChart.render(values));
    }

    @Test
    void anUnknownGitAuthIsRefusedWithTheChoices() {
        assertThatThrownBy(() -> HelmChart.render(Map.of("git.auth", "password")))
                .hasMessageContaining("git.auth is token, ssh or none, not \"password\"");
    }

    static Deployment deployment(List<HasMetadata> objects) {
        return objects.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast).findFirst()
                .orElseThrow();
    }

    private static List<String> args(List<HasMetadata> objects) {
        return deployment(objects).getSpec().getTemplate().getSpec().getContainers().getFirst().getArgs();
    }

    private static Map<ObjectKey, JsonNode> comparable(List<HasMetadata> objects) {
        Map<ObjectKey, JsonNode> out = new TreeMap<>();
        for (HasMetadata object : objects) {
            JsonNode json = JsonMapper.shared().readTree(JSON.asJson(object));
            withoutReleaseLabels(json);
            out.put(ObjectKey.of(object), json);
        }
        return out;
    }

    /** Drops the release labels wherever a labels map sits (metadata, pod template metadata). */
    private static void withoutReleaseLabels(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.get("labels") instanceof ObjectNode labels) {
                RELEASE_LABELS.forEach(labels::remove);
            }
            object.values().forEach(HelmChartTest::withoutReleaseLabels);
        } else if (node.isArray()) {
            node.values().forEach(HelmChartTest::withoutReleaseLabels);
        }
    }
}
