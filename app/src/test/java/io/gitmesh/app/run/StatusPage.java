package io.gitmesh.app.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A control plane's {@code /status} as an operator reads it, over HTTP. */
record StatusPage(ControlPlane plane) {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    JsonNode read() {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + plane.httpAddress().getPort() + "/status")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The {@code ca.rotation} object. */
    JsonNode rotation() {
        return read().path("ca").path("rotation");
    }

    /** The {@code ca.roots}. */
    List<String> roots() {
        List<String> roots = new ArrayList<>();
        read().path("ca").path("roots").forEach(root -> roots.add(root.asString()));
        return roots;
    }

    /** Waits until the rotation is in {@code stage}, waiting for a reason that starts so ({@code null}: none). */
    void awaitStage(String stage, String waitingPrefix) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode rotation = rotation();
            assertThat(rotation.path("stage").asString()).isEqualTo(stage);
            if (waitingPrefix == null) {
                assertThat(rotation.path("waiting").isNull()).as(rotation.toString()).isTrue();
            } else {
                assertThat(rotation.path("waiting").asString()).startsWith(waitingPrefix);
            }
        });
    }
}
