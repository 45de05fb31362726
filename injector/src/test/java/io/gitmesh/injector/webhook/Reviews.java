package io.gitmesh.injector.webhook;

import io.gitmesh.injector.KubernetesJson;
import java.util.Base64;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** AdmissionReviews as the API server sends them, and the parts of the answers tests look at. */
final class Reviews {
    private Reviews() {
    }

    /** A CREATE of this pod in its namespace. */
    static ObjectNode podCreate(String uid, JsonNode pod) {
        ObjectNode review = KubernetesJson.MAPPER.createObjectNode().put("apiVersion", "admission.k8s.io/v1")
                .put("kind", "AdmissionReview");
        ObjectNode request = review.putObject("request").put("uid", uid);
        request.putObject("kind").put("group", "").put("version", "v1").put("kind", "Pod");
        request.putObject("resource").put("group", "").put("version", "v1").put("resource", "pods");
        request.put("namespace", pod.path("metadata").path("namespace").asString("default"))
                .put("operation", "CREATE");
        request.putObject("userInfo").put("username", "system:serviceaccount:kube-system:replicaset-controller");
        request.set("object", pod);
        request.put("dryRun", false);
        return review;
    }

    static JsonNode response(WebhookAnswer answer) {
        return KubernetesJson.MAPPER.readTree(answer.body()).path("response");
    }

    /** The decoded JSONPatch of a review's response. */
    static JsonNode patch(JsonNode response) {
        return KubernetesJson.MAPPER.readTree(Base64.getDecoder().decode(response.path("patch").asString()));
    }
}
