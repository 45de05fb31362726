package io.gitmesh.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.gitmesh.app.cli.GitmeshCommand;
import io.gitmesh.app.http.HttpEndpoints;
import io.gitmesh.injector.mutate.Annotations;
import io.gitmesh.injector.webhook.WebhookServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * The install agrees with the code: ports and addresses are `gitmesh run`'s own defaults (read from the
 * command, not repeated here), the Deployment's arguments are options `gitmesh run` has, the probes are
 * paths the HTTP endpoints serve, and the webhook reaches the injector's path through a Service.
 * The kustomize base is checked; HelmChartTest shows the chart renders the same objects.
 */
class InstallContractTest {
    private static final List<HasMetadata> BASE = Kustomization.read(DeployTree.KUSTOMIZE_BASE).build();
    private static final Pattern VARIABLE = Pattern.compile("\\$\\(([A-Z_]+)\\)");

    private static <T extends HasMetadata> T one(Class<T> type, String name) {
        return BASE.stream().filter(type::isInstance).map(type::cast)
                .filter(o -> o.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name + " in the base"));
    }

    private static Deployment deployment() {
        return one(Deployment.class, "gitmesh");
    }

    private static PodSpec pod() {
        return deployment().getSpec().getTemplate().getSpec();
    }

    private static Container container() {
        return pod().getContainers().getFirst();
    }

    private static ContainerPort containerPort(String name) {
        return container().getPorts().stream().filter(p -> p.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("the gitmesh container has no port named " + name));
    }

    /** `gitmesh run`'s default for an address option, as the command declares it. */
    private static int runDefaultPort(String option) {
        CommandLine run = GitmeshCommand.commandLine().getSubcommands().get("run");
        String address = run.getCommandSpec().findOption(option).defaultValue();
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    }

    static Stream<Arguments> servedPorts() {
        return Stream.of(Arguments.of("xDS", "--xds-address", "xds", "gitmesh-xds"),
                Arguments.of("HTTP endpoints", "--http-address", "http", "gitmesh-http"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servedPorts")
    void portsAreTheCommandsDefaults(String name, String option, String portName, String serviceName) {
        int port = runDefaultPort(option);
        assertThat(containerPort(portName).getContainerPort()).isEqualTo(port);
        assertThat(container().getArgs()).contains(option + "=0.0.0.0:" + port);
        ServicePort servicePort = one(Service.class, serviceName).getSpec().getPorts().getFirst();
        assertThat(servicePort.getPort()).isEqualTo(port);
        assertThat(servicePort.getTargetPort()).isEqualTo(new IntOrString(portName));
    }

    /** The xDS server's certificate names the host the sidecars dial: the xDS Service. */
    @Test
    void theXdsServerNameIsTheXdsService() {
        Service xds = one(Service.class, "gitmesh-xds");
        assertThat(container().getArgs()).contains("--xds-server-name=" + xds.getMetadata().getName() + "."
                + xds.getMetadata().getNamespace() + ".svc");
    }

    @Test
    void theArgumentsAreOptionsOfGitmeshRun() {
        ConfigMap config = one(ConfigMap.class, "gitmesh");
        Map<String, String> env = Map.of("GITMESH_REPO", config.getData().get("repo"),
                "GITMESH_BRANCH", config.getData().get("branch"));
        assertThat(container().getEnv()).extracting(e -> e.getName()).containsAll(env.keySet());
        String[] args = container().getArgs().stream().map(expand(env)).toArray(String[]::new);
        CommandLine.ParseResult parsed = GitmeshCommand.commandLine().parseArgs(args);
        assertThat(parsed.subcommand().commandSpec().name()).isEqualTo("run");
        assertThat(parsed.subcommand().matchedOptionValue("--repo", "")).isEqualTo(config.getData().get("repo"));
    }

    /** Each argument that names a file points into a volume the container mounts. */
    @Test
    void fileArgumentsLiveInMountedVolumes() {
        List<String> mounts = container().getVolumeMounts().stream().map(m -> m.getMountPath() + "/").toList();
        assertThat(container().getArgs()).filteredOn(a -> a.matches("--[a-z-]+=/.*")).isNotEmpty()
                .allSatisfy(arg -> assertThat(mounts).as(arg).anyMatch(m -> (arg.substring(arg.indexOf('=') + 1)
                        + "/").startsWith(m)));
    }

    @Test
    void theProbesArePathsTheHttpEndpointsServe() throws Exception {
        var probes = List.of(container().getReadinessProbe(), container().getLivenessProbe());
        assertThat(probes).allSatisfy(p -> assertThat(p.getHttpGet().getPort()).isEqualTo(new IntOrString("http")));
        try (HttpEndpoints endpoints = HttpEndpoints.start(new InetSocketAddress("127.0.0.1", 0),
                new HttpEndpoints.Handlers(() -> true, () -> "", () -> "{}", w -> Optional.empty(),
                        Optional.empty(), () -> { }))) {
            HttpClient client = HttpClient.newHttpClient();
            for (var probe : probes) {
                URI uri = URI.create("http://127.0.0.1:" + endpoints.address().getPort()
                        + probe.getHttpGet().getPath());
                HttpResponse<String> answer = client.send(HttpRequest.newBuilder(uri).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).as(uri.toString()).isEqualTo(200);
            }
        }
    }

    @Test
    void theWebhookReachesTheInjectorThroughItsService() {
        MutatingWebhook webhook = one(MutatingWebhookConfiguration.class, "gitmesh-injector").getWebhooks().getFirst();
        var target = webhook.getClientConfig().getService();
        assertThat(target.getPath()).isEqualTo(WebhookServer.MUTATE_PATH);
        assertThat(target.getNamespace()).isEqualTo(DeployTree.NAMESPACE);
        ServicePort servicePort = one(Service.class, target.getName()).getSpec().getPorts().stream()
                .filter(p -> p.getPort().equals(target.getPort())).findFirst().orElseThrow();
        assertThat(containerPort(servicePort.getTargetPort().getStrVal()).getContainerPort()).isPositive();
        assertThat(webhook.getTimeoutSeconds()).isEqualTo(3);
        assertThat(webhook.getSideEffects()).isEqualTo("None");
        assertThat(webhook.getAdmissionReviewVersions()).containsExactly("v1");
        assertThat(webhook.getFailurePolicy()).isEqualTo("Fail");
        assertThat(webhook.getNamespaceSelector().getMatchExpressions()).anySatisfy(e -> {
            assertThat(e.getKey()).isEqualTo(Annotations.INJECT);
            assertThat(e.getOperator()).isEqualTo("In");
            assertThat(e.getValues()).containsExactly(Annotations.ENABLED);
        }).anySatisfy(e -> {
            assertThat(e.getOperator()).isEqualTo("NotIn");
            assertThat(e.getValues()).contains(DeployTree.NAMESPACE, "kube-system");
        });
    }

    @Test
    void everyServiceAndThePdbAndNetworkPolicySelectTheGitmeshPods() {
        Map<String, String> podLabels = deployment().getSpec().getTemplate().getMetadata().getLabels();
        assertThat(BASE.stream().filter(Service.class::isInstance).map(Service.class::cast)).hasSize(3)
                .allSatisfy(s -> assertThat(podLabels).containsAllEntriesOf(s.getSpec().getSelector()));
        assertThat(podLabels).containsAllEntriesOf(one(PodDisruptionBudget.class, "gitmesh").getSpec().getSelector()
                .getMatchLabels());
        NetworkPolicy policy = one(NetworkPolicy.class, "gitmesh");
        assertThat(podLabels).containsAllEntriesOf(policy.getSpec().getPodSelector().getMatchLabels());
        assertThat(policy.getSpec().getIngress()).singleElement().satisfies(rule -> {
            assertThat(rule.getFrom()).isEmpty();
            assertThat(rule.getPorts()).extracting(NetworkPolicyPort::getPort).extracting(IntOrString::getStrVal)
                    .containsExactlyInAnyOrderElementsOf(container().getPorts().stream().map(ContainerPort::getName)
                            .toList());
        });
    }

    @Test
    void highlyAvailableAndLeastPrivileged() {
        assertThat(deployment().getSpec().getReplicas()).isEqualTo(2);
        assertThat(one(PodDisruptionBudget.class, "gitmesh").getSpec().getMinAvailable().getIntVal()).isEqualTo(1);
        assertThat(pod().getTopologySpreadConstraints()).extracting(c -> c.getTopologyKey())
                .containsExactly("kubernetes.io/hostname", "topology.kubernetes.io/zone");
        assertThat(pod().getServiceAccountName()).isEqualTo("gitmesh");
        assertThat(pod().getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod().getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        var security = container().getSecurityContext();
        assertThat(security.getReadOnlyRootFilesystem()).isTrue();
        assertThat(security.getAllowPrivilegeEscalation()).isFalse();
        assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(security.getCapabilities().getAdd()).isEmpty();
        assertThat(container().getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(container().getResources().getLimits()).containsKey("memory");
    }

    @Test
    void theImageIsTheChartsAppVersion() {
        String chart = DeployTree.read(DeployTree.HELM_CHART.resolve("Chart.yaml"));
        Matcher appVersion = Pattern.compile("(?m)^appVersion: \"([^\"]+)\"$").matcher(chart);
        assertThat(appVersion.find()).isTrue();
        assertThat(container().getImage()).isEqualTo("ghcr.io/gitmesh/gitmesh:" + appVersion.group(1));
    }

    private static UnaryOperator<String> expand(Map<String, String> env) {
        return arg -> VARIABLE.matcher(arg).replaceAll(m -> Matcher.quoteReplacement(env.get(m.group(1))));
    }
}
