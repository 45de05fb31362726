package io.gitmesh.injector.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.gitmesh.injector.KubernetesJson;
import io.gitmesh.injector.mutate.InjectionSettings;
import io.gitmesh.injector.mutate.PodInput;
import io.gitmesh.injector.mutate.PodMutator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** Documents the golden files do not show: what is not a workload, and workloads that cannot be read. */
class ManifestInjectorTest {
    private static final ManifestInjector INJECTOR = new ManifestInjector(new PodMutator(InjectionSettings.DEFAULT),
            PodInput.ENROLLED_NAMESPACE);

    static Stream<Arguments> notWorkloads() {
        return Stream.of(
                arguments("a Service", "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"spec\":{}}"),
                arguments("a Deployment of a retired API", "{\"apiVersion\":\"extensions/v1beta1\","
                        + "\"kind\":\"Deployment\",\"spec\":{\"template\":{\"spec\":{\"containers\":[]}}}}"),
                arguments("a document without a kind", "{\"metadata\":{\"name\":\"x\"}}"),
                arguments("a scalar document", "\"hello\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notWorkloads")
    void passesOtherDocumentsThrough(String name, String json) {
        JsonNode document = KubernetesJson.MAPPER.readTree(json);

        assertThat(INJECTOR.inject(document)).isEqualTo(new ManifestInjection.PassedThrough(document));
    }

    static Stream<Arguments> unreadable() {
        return Stream.of(
                arguments("a Deployment without a template", "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\","
                        + "\"spec\":{\"replicas\":1}}", "there is no pod spec at /spec/template/spec"),
                arguments("a Pod whose spec is a list", "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"spec\":[]}",
                        "there is no pod spec at /spec"),
                arguments("a CronJob whose containers are text", "{\"apiVersion\":\"batch/v1\",\"kind\":\"CronJob\","
                        + "\"spec\":{\"jobTemplate\":{\"spec\":{\"template\":{\"spec\":{\"containers\":\"app\"}}}}}}",
                        "the pod cannot be read: /spec/jobTemplate/spec/template/spec/containers must be a list"),
                arguments("a Job whose labels are a list", "{\"apiVersion\":\"batch/v1\",\"kind\":\"Job\","
                        + "\"spec\":{\"template\":{\"metadata\":{\"labels\":[\"a\"]},\"spec\":{\"containers\":[]}}}}",
                        "the pod cannot be read: /spec/template/metadata/labels must be a map"),
                arguments("a Pod whose port is text", "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"spec\":"
                        + "{\"containers\":[{\"name\":\"a\",\"ports\":[{\"containerPort\":\"http\"}]}]}}",
                        "the pod cannot be read: /spec/containers/0/ports/0/containerPort must be a number"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unreadable")
    void refusesWorkloadsWhosePodCannotBeRead(String name, String json, String problem) {
        assertThat(INJECTOR.inject(KubernetesJson.MAPPER.readTree(json)))
                .isInstanceOfSatisfying(ManifestInjection.Refused.class,
                        refused -> assertThat(refused.problems()).containsExactly(problem));
    }
}
