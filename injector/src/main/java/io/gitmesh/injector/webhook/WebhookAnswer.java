package io.gitmesh.injector.webhook;

import io.gitmesh.injector.KubernetesJson;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * An HTTP answer to the API server: 200 with an AdmissionReview whenever the request named its uid (the
 * review then says allowed or not, with a patch, warnings or a status), otherwise 400 or 413 with a JSON
 * {@code {"message": ...}} — which the API server treats as the webhook failing, so the
 * MutatingWebhookConfiguration's {@code failurePolicy} decides.
 */
public record WebhookAnswer(int status, byte[] body) {
    public WebhookAnswer {
        Objects.requireNonNull(body, "body");
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** An answer that is not an AdmissionReview: {@code {"message": text}}. */
    static WebhookAnswer message(int status, String text) {
        return new WebhookAnswer(status, KubernetesJson.MAPPER.writeValueAsBytes(
                KubernetesJson.MAPPER.createObjectNode().put("message", text)));
    }

    /** The body as text (JSON, UTF-8). */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
