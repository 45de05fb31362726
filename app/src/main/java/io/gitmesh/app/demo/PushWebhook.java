package io.gitmesh.app.demo;

import io.gitmesh.reconciler.trigger.WebhookVerifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * What a git host does after a push: POST a push event to gitmesh's {@code /hooks/git}, signed with
 * the shared secret (HMAC-SHA256 in GitHub's {@code X-Hub-Signature-256}).
 */
final class PushWebhook {
    private final HttpClient client = HttpClient.newHttpClient();
    private final URI hook;
    private final WebhookVerifier signer;

    PushWebhook(InetSocketAddress gitmeshHttp, byte[] secret) {
        this.hook = URI.create("http://" + gitmeshHttp.getHostString() + ":" + gitmeshHttp.getPort() + "/hooks/git");
        this.signer = new WebhookVerifier(secret);
    }

    /** Announces that {@code branch} now points at {@code commit}; fails unless gitmesh accepts the hook. */
    void pushed(String branch, String commit) {
        byte[] body = ("{\"ref\": \"refs/heads/" + branch + "\", \"after\": \"" + commit + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(hook)
                .header("Content-Type", "application/json")
                .header("X-GitHub-Event", "push")
                .header("X-Hub-Signature-256", signer.signatureOf(body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 202) {
                throw new IllegalStateException("gitmesh refused the push webhook: HTTP " + response.statusCode()
                        + " " + response.body().strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach gitmesh's webhook at " + hook + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling the webhook", e);
        }
    }
}
