package io.gitmesh.app.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.gitmesh.reconciler.trigger.WebhookVerifier;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The endpoints over real HTTP on loopback. */
class HttpEndpointsTest {
    private static final byte[] SECRET = "webhook-secret-for-the-test-1234".getBytes(UTF_8);
    private final HttpClient client = HttpClient.newHttpClient();
    private final AtomicBoolean ready = new AtomicBoolean();
    private final AtomicInteger pushes = new AtomicInteger();
    private HttpEndpoints endpoints;

    @BeforeEach
    void start() throws IOException {
        endpoints = HttpEndpoints.start(new InetSocketAddress("127.0.0.1", 0), new HttpEndpoints.Handlers(
                ready::get, () -> "gitmesh_revisions_applied_total 3.0\n", () -> "{\"applied\":\"abc123\"}",
                workload -> workload.equals("shop/web") ? Optional.of("{\"listeners\":[]}") : Optional.empty(),
                Optional.of(new WebhookVerifier(SECRET)), pushes::incrementAndGet));
    }

    @AfterEach
    void stop() {
        endpoints.close();
    }

    @Test
    void healthAndReadiness() throws Exception {
        assertThat(get("/healthz").statusCode()).isEqualTo(200);
        assertThat(get("/readyz").statusCode()).isEqualTo(503);
        ready.set(true);
        assertThat(get("/readyz").statusCode()).isEqualTo(200);
        assertThat(get("/nothing-here").statusCode()).isEqualTo(404);
    }

    @Test
    void metricsStatusAndDebugConfig() throws Exception {
        HttpResponse<String> metrics = get("/metrics");
        assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("text/plain; version=0.0.4"));
        assertThat(metrics.body()).contains("gitmesh_revisions_applied_total 3.0");
        assertThat(get("/status").body()).isEqualTo("{\"applied\":\"abc123\"}");
        assertThat(get("/debug/config?workload=shop%2Fweb").body()).isEqualTo("{\"listeners\":[]}");
        assertThat(get("/debug/config?workload=shop/other").statusCode()).isEqualTo(404);
        assertThat(get("/debug/config").statusCode()).isEqualTo(400);
    }

    @Test
    void aSignedPushTriggersAReconcile() throws Exception {
        byte[] body = "{\"ref\":\"refs/heads/main\"}".getBytes(UTF_8);
        String signature = new WebhookVerifier(SECRET).signatureOf(body);
        assertThat(post(body, "X-Hub-Signature-256", signature).statusCode()).isEqualTo(202);
        assertThat(pushes).hasValue(1);
    }

    @Test
    void unsignedMalformedForgedOrOversizedPushesChangeNothing() throws Exception {
        byte[] body = "{\"ref\":\"refs/heads/main\"}".getBytes(UTF_8);
        String signature = new WebhookVerifier(SECRET).signatureOf(body);
        assertThat(post(body, "X-Other", "x").statusCode()).isEqualTo(401);
        assertThat(post(body, "X-Hub-Signature-256", "sha256=xyz").statusCode()).isEqualTo(400);
        byte[] changed = "{\"ref\":\"refs/heads/evil\"}".getBytes(UTF_8);
        assertThat(post(changed, "X-Hub-Signature-256", signature).statusCode()).isEqualTo(401);
        byte[] huge = new byte[HttpEndpoints.MAX_HOOK_BODY + 10];
        assertThat(post(huge, "X-Hub-Signature-256", new WebhookVerifier(SECRET).signatureOf(huge)).statusCode())
                .isEqualTo(413);
        assertThat(client.send(HttpRequest.newBuilder(uri("/hooks/git")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(405);
        assertThat(pushes).hasValue(0);
    }

    @Test
    void aFailingHandlerIsA500WithoutDetails() throws Exception {
        try (HttpEndpoints failing = HttpEndpoints.start(new InetSocketAddress("127.0.0.1", 0),
                new HttpEndpoints.Handlers(() -> true, () -> "", () -> {
                    throw new IllegalStateException("secret internals");
                }, w -> Optional.empty(), Optional.empty(), () -> { }))) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://"
                    + hostPort(failing) + "/status")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(500);
            assertThat(response.body()).doesNotContain("secret internals");
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(byte[] body, String header, String value) throws Exception {
        return client.send(HttpRequest.newBuilder(uri("/hooks/git")).header(header, value)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://" + hostPort(endpoints) + path);
    }

    private static String hostPort(HttpEndpoints e) {
        return "127.0.0.1:" + e.address().getPort();
    }
}
