package io.gitmesh.injector.mutate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.gitmesh.injector.KubernetesJson;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** Enrolment, refusals, idempotence and binding; what an injected pod looks like is in the golden files. */
class PodMutatorTest {
    private static final PodMutator MUTATOR = new PodMutator(InjectionSettings.DEFAULT);
    private static final Map<String, String> ENABLED = Map.of(Annotations.INJECT, Annotations.ENABLED);
    private static final Map<String, String> DISABLED = Map.of(Annotations.INJECT, Annotations.DISABLED);
    private static final Map<String, String> UNLABELLED = Map.of();

    static Stream<Arguments> enrolment() {
        return Stream.of(
                arguments("enrolled namespace", ENABLED, Map.of(), false, true),
                arguments("namespace labelled disabled", DISABLED, Map.of(), false, false),
                arguments("unlabelled namespace", UNLABELLED, Map.of(), false, false),
                arguments("namespace label of another value", Map.of(Annotations.INJECT, "true"), Map.of(), false,
                        false),
                arguments("pod opts out of an enrolled namespace", ENABLED, Map.of(Annotations.INJECT, "disabled"),
                        false, false),
                arguments("pod opts into a disabled namespace", DISABLED, Map.of(Annotations.INJECT, "enabled"),
                        false, true),
                arguments("pod opts into an unlabelled namespace", UNLABELLED,
                        Map.of(Annotations.INJECT, "enabled"), false, true),
                arguments("host network in an enrolled namespace", ENABLED, Map.of(), true, false),
                arguments("host network that opts in", ENABLED, Map.of(Annotations.INJECT, "enabled"), true, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("enrolment")
    void decidesWhichPodsToInject(String name, Map<String, String> namespaceLabels, Map<String, String> annotations,
            boolean hostNetwork, boolean injected) {
        PodSpec spec = new PodSpecBuilder(spec()).withHostNetwork(hostNetwork).build();
        Injection injection = MUTATOR.mutate(new PodInput(metadata(annotations), spec, namespaceLabels,
                Optional.empty()));

        assertThat(injection).isInstanceOf(injected ? Injection.Injected.class : Injection.NotInjected.class);
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                arguments("inject annotation of an unknown value", Map.of(Annotations.INJECT, "yes"), spec(),
                        "gitmesh.io/inject: \"yes\" is neither enabled nor disabled"),
                arguments("a container named like the proxy", Map.of(),
                        new PodSpecBuilder(spec()).addNewContainer().withName("gitmesh-proxy").endContainer().build(),
                        "the pod has a container named gitmesh-proxy"),
                arguments("an init container named like the iptables one", Map.of(),
                        new PodSpecBuilder(spec()).addNewInitContainer().withName("gitmesh-init").endInitContainer()
                                .build(), "the pod has a container named gitmesh-init"),
                arguments("a volume named like the bootstrap's", Map.of(),
                        new PodSpecBuilder(spec()).addNewVolume().withName("gitmesh-bootstrap").endVolume().build(),
                        "the pod has a volume named gitmesh-bootstrap"),
                arguments("a container without a name", Map.of(),
                        new PodSpecBuilder(spec()).addNewContainer().withImage("x").endContainer().build(),
                        "a container has no name"),
                arguments("a CPU request above its limit", Map.of(Annotations.PROXY_CPU, "2",
                        Annotations.PROXY_CPU_LIMIT, "1500m"), spec(),
                        "the proxy's CPU request 2 is above its limit 1500m"),
                arguments("an excluded port out of range", Map.of(Annotations.EXCLUDE_INBOUND_PORTS, "8080,65536"),
                        spec(), "gitmesh.io/exclude-inbound-ports: \"65536\" is not a port number"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusesPodsItCannotInject(String name, Map<String, String> annotations, PodSpec spec, String problem) {
        Injection injection = MUTATOR.mutate(new PodInput(metadata(annotations), spec, ENABLED, Optional.empty()));

        assertThat(injection).isInstanceOfSatisfying(Injection.Refused.class,
                refused -> assertThat(refused.problems()).anySatisfy(p -> assertThat(p).startsWith(problem)));
    }

    @Test
    void leavesItsInputAlone() {
        ObjectMeta metadata = metadata(Map.of());
        PodSpec spec = spec();
        JsonNode before = KubernetesJson.MAPPER.valueToTree(List.of(metadata, spec));

        MUTATOR.mutate(new PodInput(metadata, spec, ENABLED, Optional.empty()));

        JsonNode after = KubernetesJson.MAPPER.valueToTree(List.of(metadata, spec));
        assertThat(after).isEqualTo(before);
    }

    @Test
    void givesTheSameAnswerEveryTime() {
        PodInput pod = new PodInput(metadata(Map.of()), spec(), ENABLED, Optional.of("uid-1"));

        assertThat(tree(MUTATOR.mutate(pod))).isEqualTo(tree(MUTATOR.mutate(pod)));
    }

    @Test
    void injectingTwiceChangesNothing() {
        Injection.Injected once = (Injection.Injected) MUTATOR.mutate(
                new PodInput(metadata(Map.of()), spec(), ENABLED, Optional.of("uid-1")));

        Injection twice = MUTATOR.mutate(new PodInput(once.metadata(), once.spec(), ENABLED, Optional.of("uid-2")));

        assertThat(twice).isEqualTo(new Injection.NotInjected("already injected (gitmesh.io/injected: native)"));
    }

    @Test
    void aPodNamedByTheApiServerGetsASecretNamedAfterItsAdmissionRequest() {
        ObjectMeta unnamed = new ObjectMetaBuilder().withGenerateName("bookstore-v1-5d8f6c-").build();

        Injection.Injected injected = (Injection.Injected) MUTATOR.mutate(
                new PodInput(unnamed, spec(), ENABLED, Optional.of("0b8bd9a4-4a5b-4d7c-9a43-6b2a1c3f0e11")));

        assertThat(secretName(injected.spec())).matches("gitmesh-sidecar-bookstore-v1-5d8f6c-[0-9a-f]{10}");
        assertThat(injected.metadata().getName()).as("the API server names the pod").isNull();
    }

    @Test
    void aTemplateInjectedOfflineIsBoundToItsSecretWhenThePodIsAdmitted() {
        ObjectMeta template = new ObjectMetaBuilder().withLabels(Map.of("app", "bookstore")).build();
        Injection.Injected offline = (Injection.Injected) MUTATOR.mutate(
                new PodInput(template, spec(), ENABLED, Optional.empty()));
        assertThat(secretName(offline.spec())).isEqualTo(BootstrapSecret.PENDING);

        ObjectMeta admitted = new ObjectMetaBuilder(offline.metadata()).withGenerateName("bookstore-").build();
        Injection bound = MUTATOR.mutate(new PodInput(admitted, offline.spec(), ENABLED, Optional.of("uid-7")));

        assertThat(bound).isInstanceOfSatisfying(Injection.Injected.class, b -> {
            assertThat(secretName(b.spec())).startsWith("gitmesh-sidecar-bookstore-")
                    .isEqualTo(BootstrapSecret.nameFor(admitted, Optional.of("uid-7")).orElseThrow());
            PodSpec expected = new PodSpecBuilder(offline.spec()).build();
            expected.getVolumes().getLast().getSecret().setSecretName(secretName(b.spec()));
            assertThat(b.spec()).as("only the Secret's name changes").isEqualTo(expected);
        });
    }

    @Test
    void theProxyFollowsTheSettingsAndAnnotationsOverrideItsResources() {
        InjectionSettings settings = InjectionSettings.DEFAULT.withResources(new ProxyResources(Optional.of("50m"),
                Optional.of("64Mi"), Optional.of("1"), Optional.of("256Mi")));
        Map<String, String> annotations = Map.of(Annotations.PROXY_MEMORY, "200Mi");

        Injection.Injected injected = (Injection.Injected) new PodMutator(settings).mutate(
                new PodInput(metadata(annotations), spec(), ENABLED, Optional.empty()));

        Container proxy = injected.spec().getInitContainers().get(1);
        assertThat(proxy.getName()).isEqualTo(SidecarLayout.PROXY_CONTAINER);
        assertThat(proxy.getResources().getRequests()).hasToString("{cpu=50m, memory=200Mi}");
        assertThat(proxy.getResources().getLimits()).hasToString("{cpu=1, memory=256Mi}");
    }

    private static String secretName(PodSpec spec) {
        return Pods.volume(spec, SidecarLayout.BOOTSTRAP_VOLUME).orElseThrow().getSecret().getSecretName();
    }

    private static JsonNode tree(Injection injection) {
        Injection.Injected injected = (Injection.Injected) injection;
        return KubernetesJson.MAPPER.valueToTree(List.of(injected.metadata(), injected.spec()));
    }

    private static ObjectMeta metadata(Map<String, String> annotations) {
        return new ObjectMetaBuilder().withName("app").withNamespace("shop").withAnnotations(new HashMap<>(annotations))
                .build();
    }

    private static PodSpec spec() {
        return new PodSpecBuilder().addNewContainer().withName("app").withImage("example/app:1").endContainer().build();
    }
}
