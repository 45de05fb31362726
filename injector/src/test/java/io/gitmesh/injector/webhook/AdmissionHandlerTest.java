package io.gitmesh.injector.webhook;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.gitmesh.injector.KubernetesJson;
import io.gitmesh.injector.mutate.InjectionSettings;
import io.gitmesh.injector.mutate.PodMutator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The webhook contract without HTTP: what each kind of review gets back. */
class AdmissionHandlerTest {
    private static final AdmissionHandler HANDLER = new AdmissionHandler(new PodMutator(InjectionSettings.DEFAULT));
    private static final String POD = """
            {"apiVersion":"v1","kind":"Pod",
             "metadata":{"name":"web-0","namespace":"shop","creationTimestamp":null},
             "spec":{"containers":[{"name":"web","image":"example/web:1",
               "livenessProbe":{"grpc":{"port":9090}}}]},
             "status":{}}""";

    static Stream<Arguments> notAReview() {
        return Stream.of(
                arguments("not JSON", "<html>", "the body is not JSON"),
                arguments("another kind", "{\"apiVersion\":\"v1\",\"kind\":\"Pod\"}",
                        "expected an admission.k8s.io/v1 AdmissionReview"),
                arguments("an older version", "{\"apiVersion\":\"admission.k8s.io/v1beta1\",\"kind\":\"AdmissionReview\"}",
                        "expected an admission.k8s.io/v1 AdmissionReview"),
                arguments("no request uid", "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\","
                        + "\"request\":{\"uid\":7}}", "the AdmissionReview has no request.uid"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notAReview")
    void whatIsNoAdmissionReviewGetsA400WithAMessage(String name, String body, String message) {
        WebhookAnswer answer = HANDLER.handle(body.getBytes(UTF_8));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(KubernetesJson.MAPPER.readTree(answer.body()).path("message").asString()).startsWith(message);
    }

    @Test
    void aPodIsPatchedAndWarnedAbout() {
        JsonNode response = Reviews.response(HANDLER.handle(bytes(Reviews.podCreate("u-1", pod()))));

        assertThat(response.path("uid").asString()).isEqualTo("u-1");
        assertThat(response.path("allowed").asBoolean()).isTrue();
        assertThat(response.path("patchType").asString()).isEqualTo("JSONPatch");
        assertThat(response.path("warnings").toString()).contains("gRPC probe: port 9090 is excluded");
        JsonNode injected = JsonPatches.apply(pod(), Reviews.patch(response));
        assertThat(injected.at("/spec/initContainers/1/name").asString()).isEqualTo("gitmesh-proxy");
        assertThat(injected.at("/spec/volumes/0/secret/secretName").asString()).isEqualTo("gitmesh-sidecar-web-0");
        assertThat(injected.at("/status")).as("what injection does not touch stays").isEqualTo(pod().at("/status"));
    }

    @Test
    void aDryRunGetsTheSameAnswerBecauseInjectionHasNoSideEffects() {
        ObjectNode review = Reviews.podCreate("u-2", pod());
        ObjectNode dryRun = review.deepCopy();
        ((ObjectNode) dryRun.get("request")).put("dryRun", true);

        assertThat(HANDLER.handle(bytes(dryRun)).text()).isEqualTo(HANDLER.handle(bytes(review)).text());
    }

    @Test
    void fieldsTheModelDoesNotKnowAreKept() {
        ObjectNode pod = pod();
        ((ObjectNode) pod.at("/spec")).put("futureField", "kept");
        ((ObjectNode) pod.at("/spec/containers/0")).putObject("futureContainerField").put("x", 1);
        ObjectNode review = Reviews.podCreate("u-3", pod);
        ((ObjectNode) review.get("request")).put("futureRequestField", true);

        JsonNode response = Reviews.response(HANDLER.handle(bytes(review)));

        JsonNode injected = JsonPatches.apply(pod, Reviews.patch(response));
        assertThat(injected.at("/spec/futureField").asString()).isEqualTo("kept");
        assertThat(injected.at("/spec/containers/0/futureContainerField/x").asInt()).isEqualTo(1);
        assertThat(Reviews.patch(response).toString()).doesNotContain("future");
    }

    @Test
    void aPodThatCannotBeReadIsDeniedWithAReason() {
        ObjectNode pod = pod();
        ((ObjectNode) pod.get("spec")).put("containers", "web");

        JsonNode response = Reviews.response(HANDLER.handle(bytes(Reviews.podCreate("u-4", pod))));

        assertThat(response.path("allowed").asBoolean()).isFalse();
        assertThat(response.at("/status/code").asInt()).isEqualTo(400);
        assertThat(response.at("/status/message").asString())
                .isEqualTo("the pod cannot be read: /spec/containers must be a list");
    }

    @Test
    void aPodWithABadAnnotationIsDeniedWithEveryProblem() {
        ObjectNode pod = pod();
        ((ObjectNode) pod.get("metadata")).putObject("annotations").put("gitmesh.io/proxy-cpu", "fast")
                .put("gitmesh.io/exclude-outbound-ports", "0");

        JsonNode response = Reviews.response(HANDLER.handle(bytes(Reviews.podCreate("u-5", pod))));

        assertThat(response.path("allowed").asBoolean()).isFalse();
        assertThat(response.at("/status/message").asString()).isEqualTo("gitmesh cannot inject this pod: "
                + "gitmesh.io/proxy-cpu: \"fast\" is not a Kubernetes quantity (like 100m, 0.5, 128Mi or 1G); "
                + "gitmesh.io/exclude-outbound-ports: \"0\" is not a port number (1-65535); write ports separated "
                + "by commas, like \"8080,9090\"");
    }

    @Test
    void anotherKindIsAllowedWithAWarning() {
        ObjectNode review = Reviews.podCreate("u-6", pod());
        ((ObjectNode) review.at("/request/kind")).put("group", "apps").put("kind", "Deployment");

        JsonNode response = Reviews.response(HANDLER.handle(bytes(review)));

        assertThat(response.path("allowed").asBoolean()).isTrue();
        assertThat(response.has("patch")).isFalse();
        assertThat(response.path("warnings").get(0).asString())
                .isEqualTo("the gitmesh injector only mutates pods, not apps/v1 Deployment: check the webhook's rules");
    }

    @Test
    void anotherCoreKindIsNamedWithoutAGroup() {
        ObjectNode review = Reviews.podCreate("u-9", pod());
        ((ObjectNode) review.at("/request/kind")).put("kind", "Service");

        assertThat(Reviews.response(HANDLER.handle(bytes(review))).path("warnings").get(0).asString())
                .isEqualTo("the gitmesh injector only mutates pods, not v1 Service: check the webhook's rules");
    }

    static Stream<Arguments> leftAlone() {
        return Stream.of(
                arguments("an UPDATE", "/request/operation", "UPDATE"),
                arguments("a subresource", "/request/subResource", "ephemeralcontainers"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("leftAlone")
    void otherRequestsAreAllowedUnchanged(String name, String pointer, String value) {
        ObjectNode review = Reviews.podCreate("u-7", pod());
        ((ObjectNode) review.get("request")).put(pointer.substring("/request/".length()), value);

        JsonNode response = Reviews.response(HANDLER.handle(bytes(review)));

        assertThat(response.path("allowed").asBoolean()).isTrue();
        assertThat(response.has("patch")).isFalse();
        assertThat(response.has("warnings")).isFalse();
    }

    @Test
    void aThreeMegabytePodIsAnsweredLikeAnyOther() {
        ObjectNode pod = pod();
        ((ObjectNode) pod.at("/spec/containers/0")).putArray("env").addObject().put("name", "BIG")
                .put("value", "x".repeat(3 << 20));
        byte[] body = bytes(Reviews.podCreate("u-8", pod));
        assertThat(body.length).isGreaterThan(3 << 20);

        JsonNode response = Reviews.response(HANDLER.handle(body));

        assertThat(response.path("allowed").asBoolean()).isTrue();
        assertThat(Reviews.patch(response).toString()).as("the big value is not copied into the patch")
                .hasSizeLessThan(20_000);
    }

    private static ObjectNode pod() {
        return (ObjectNode) KubernetesJson.MAPPER.readTree(POD);
    }

    private static byte[] bytes(JsonNode json) {
        return json.toString().getBytes(UTF_8);
    }
}
