package io.gitmesh.injector.webhook;

import io.fabric8.kubernetes.api.model.Pod;
import io.gitmesh.injector.KubernetesJson;
import io.gitmesh.injector.ReadProblems;
import io.gitmesh.injector.mutate.Injection;
import io.gitmesh.injector.mutate.PodInput;
import io.gitmesh.injector.mutate.PodMutator;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Answers an {@code admission.k8s.io/v1} AdmissionReview for {@code POST /mutate-pods}, without I/O:
 * <ul>
 *   <li>a Pod CREATE is injected ({@link PodMutator}) and answered with a base64 JSONPatch from the pod as
 *       received to the injected pod, or allowed unchanged (opted out, already injected, ...), or denied
 *       with a 400 status when the pod asks for what the injector cannot do (a bad annotation) or cannot
 *       be read as a pod — the same fail-closed stance as the webhook's {@code failurePolicy: Fail};</li>
 *   <li>another operation, kind or subresource is allowed unchanged (a misconfigured rule must not block
 *       the cluster), with a warning for other kinds;</li>
 *   <li>{@code dryRun} changes nothing here: injection has no side effects (the bootstrap Secret is the
 *       controller's, made when the pod exists), so a dry run gets the same answer;</li>
 *   <li>a body that is not an AdmissionReview with a request uid gets a 400 with a message, never a stack
 *       trace. Fields the injector does not know are kept: a newer API server may send more.</li>
 * </ul>
 * Pods reach this webhook only from namespaces labelled {@code gitmesh.io/inject: enabled} (its
 * namespaceSelector), so every pod is treated as enrolled; a pod opts out with its annotation.
 */
public final class AdmissionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(AdmissionHandler.class);
    private static final String API_VERSION = "admission.k8s.io/v1";
    private static final String KIND = "AdmissionReview";

    private final Supplier<PodMutator> mutator;

    public AdmissionHandler(PodMutator mutator) {
        this(constant(Objects.requireNonNull(mutator, "mutator")));
    }

    /**
     * @param mutator asked once per review: the mutator of the settings in force now (a control plane
     *                swaps it when an applied MeshConfig changes the sidecar settings)
     */
    public AdmissionHandler(Supplier<PodMutator> mutator) {
        this.mutator = Objects.requireNonNull(mutator, "mutator");
    }

    public WebhookAnswer handle(byte[] body) {
        JsonNode review;
        try {
            review = KubernetesJson.MAPPER.readTree(body);
        } catch (JacksonException e) {
            return failure(400, "the body is not JSON: " + e.getOriginalMessage());
        }
        if (!API_VERSION.equals(review.path("apiVersion").asString("")) || !KIND.equals(review.path("kind")
                .asString(""))) {
            return failure(400, "expected an " + API_VERSION + " " + KIND);
        }
        JsonNode request = review.path("request");
        if (!request.path("uid").isString() || request.path("uid").asString().isEmpty()) {
            return failure(400, "the AdmissionReview has no request.uid");
        }
        String uid = request.path("uid").asString();
        return new WebhookAnswer(200, KubernetesJson.MAPPER.writeValueAsBytes(answer(uid, request)));
    }

    private ObjectNode answer(String uid, JsonNode request) {
        String group = request.at("/kind/group").asString("");
        String version = request.at("/kind/version").asString("");
        String kind = request.at("/kind/kind").asString("");
        if (!group.isEmpty() || !version.equals("v1") || !kind.equals("Pod")) {
            return allowed(uid, List.of("the gitmesh injector only mutates pods, not "
                    + (group.isEmpty() ? "" : group + "/") + version + " " + kind + ": check the webhook's rules"));
        }
        if (!request.path("subResource").asString("").isEmpty()
                || !"CREATE".equals(request.path("operation").asString(""))) {
            return allowed(uid, List.of());
        }
        JsonNode object = request.path("object");
        Pod pod;
        try {
            pod = KubernetesJson.MAPPER.treeToValue(object, Pod.class);
        } catch (JacksonException e) {
            return denied(uid, "the pod cannot be read: " + ReadProblems.describe("", e));
        }
        if (pod == null || pod.getMetadata() == null || pod.getSpec() == null) {
            return denied(uid, "the pod cannot be read: it has no metadata or no spec");
        }
        Injection injection = mutator.get().mutate(new PodInput(pod.getMetadata(), pod.getSpec(),
                PodInput.ENROLLED_NAMESPACE, Optional.of(uid)));
        LOG.debug("admission uid={} namespace={} pod={} dryRun={} outcome={}", uid,
                request.path("namespace").asString(""), podName(pod), request.path("dryRun").asBoolean(false),
                injection.getClass().getSimpleName());
        return switch (injection) {
            case Injection.Injected injected -> patched(uid, patch(pod, injected), injected.warnings());
            case Injection.NotInjected notInjected -> allowed(uid, List.of());
            case Injection.Refused refused -> denied(uid, "gitmesh cannot inject this pod: "
                    + String.join("; ", refused.problems()));
        };
    }

    /** The patch from the pod as the model reads it to the injected pod (fields it does not know are in both). */
    private static byte[] patch(Pod original, Injection.Injected injected) {
        ObjectNode before = KubernetesJson.MAPPER.valueToTree(original);
        ObjectNode after = KubernetesJson.MAPPER.createObjectNode().setAll(before);
        after.set("metadata", KubernetesJson.MAPPER.valueToTree(injected.metadata()));
        after.set("spec", KubernetesJson.MAPPER.valueToTree(injected.spec()));
        return KubernetesJson.MAPPER.writeValueAsBytes(JsonPatchDiff.diff(before, after));
    }

    private static ObjectNode patched(String uid, byte[] patch, List<String> warnings) {
        ObjectNode review = allowed(uid, warnings);
        ((ObjectNode) review.get("response")).put("patchType", "JSONPatch")
                .put("patch", Base64.getEncoder().encodeToString(patch));
        return review;
    }

    private static ObjectNode allowed(String uid, List<String> warnings) {
        ObjectNode review = response(uid, true);
        if (!warnings.isEmpty()) {
            warnings.forEach(((ObjectNode) review.get("response")).putArray("warnings")::add);
        }
        return review;
    }

    private static ObjectNode denied(String uid, String message) {
        ObjectNode review = response(uid, false);
        ((ObjectNode) review.get("response")).putObject("status").put("code", 400).put("message", message);
        return review;
    }

    private static ObjectNode response(String uid, boolean allowed) {
        ObjectNode review = KubernetesJson.MAPPER.createObjectNode().put("apiVersion", API_VERSION).put("kind", KIND);
        review.putObject("response").put("uid", uid).put("allowed", allowed);
        return review;
    }

    private static WebhookAnswer failure(int status, String message) {
        return WebhookAnswer.message(status, message);
    }

    private static String podName(Pod pod) {
        String name = pod.getMetadata().getName();
        return name != null && !name.isEmpty() ? name : pod.getMetadata().getGenerateName() + "*";
    }

    private static Supplier<PodMutator> constant(PodMutator mutator) {
        return () -> mutator;
    }
}
