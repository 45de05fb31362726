package io.gitmesh.injector.webhook;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.gitmesh.injector.Fixtures;
import io.gitmesh.injector.KubernetesJson;
import io.gitmesh.injector.mutate.BootstrapSecret;
import io.gitmesh.injector.mutate.InjectionSettings;
import io.gitmesh.injector.mutate.PodMutator;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The golden fixtures through the real webhook: each pod, as the API server would create it, posted over
 * HTTPS as an AdmissionReview; the JSONPatch that comes back, applied to the pod, gives the golden injected
 * pod. One server runs for each settings value the fixtures use.
 */
class WebhookServerTest {
    private static final List<String> PUBLISHED_CA_BUNDLES = new ArrayList<>();
    private static final Map<InjectionSettings, WebhookServer> SERVERS = new HashMap<>();
    private static TestCertificates certificates;
    private static HttpClient client;

    @BeforeAll
    static void issueCertificates() throws Exception {
        certificates = TestCertificates.issue();
        client = HttpClient.newBuilder().sslContext(certificates.clientContext()).build();
    }

    @AfterAll
    static void closeClientAndServers() {
        client.close();
        SERVERS.values().forEach(WebhookServer::close);
    }

    static Stream<Arguments> fixturePods() {
        return Fixtures.names().stream().flatMap(name -> {
            List<JsonNode> fixture = Fixtures.documents(name);
            List<JsonNode> golden = Fixtures.goldenDocuments(name);
            List<Arguments> pods = new ArrayList<>();
            for (int i = 0; i < fixture.size(); i++) {
                Optional<ObjectNode> pod = Fixtures.podOf(fixture.get(i));
                int index = i;
                pod.ifPresent(p -> pods.add(arguments(name + " #" + index, name, p,
                        golden.size() == fixture.size() ? Fixtures.podOf(golden.get(index)) : Optional.empty())));
            }
            return pods.stream();
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixturePods")
    void theReturnedPatchTurnsThePodIntoTheGoldenPod(String name, String fixture, ObjectNode pod,
            Optional<ObjectNode> goldenPod) throws Exception {
        String uid = "3f1c2a9e-" + name.replaceAll("[^a-z0-9]", "");
        WebhookServer server = SERVERS.computeIfAbsent(Fixtures.settings(fixture), WebhookServerTest::start);
        HttpResponse<String> response = post(server, Reviews.podCreate(uid, pod).toString());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode answer = KubernetesJson.MAPPER.readTree(response.body()).path("response");
        assertThat(answer.path("uid").asString()).isEqualTo(uid);
        if (goldenPod.isEmpty()) {
            assertThat(answer.path("allowed").asBoolean()).as("the golden file refuses it").isFalse();
            assertThat(answer.at("/status/code").asInt()).isEqualTo(400);
            return;
        }
        assertThat(answer.path("allowed").asBoolean()).isTrue();
        JsonNode patched = answer.has("patch") ? JsonPatches.apply(pod, Reviews.patch(answer)) : pod;
        assertThat(patched).isEqualTo(boundAsTheApiServerWouldSeeIt(goldenPod.get(), uid));
    }

    @Test
    void aBodyOverTheLimitGets413UnreadAndTheServerCarriesOn() throws Exception {
        try (WebhookServer server = start(InjectionSettings.DEFAULT)) {
            HttpResponse<String> tooLarge = post(server, " ".repeat(WebhookServer.MAX_BODY_BYTES + 1));
            HttpResponse<String> next = post(server, Reviews.podCreate("u-1",
                    Fixtures.podOf(Fixtures.documents("plain-pod").getFirst()).orElseThrow()).toString());

            assertThat(tooLarge.statusCode()).isEqualTo(413);
            assertThat(tooLarge.body()).isEqualTo("{\"message\":\"the AdmissionReview is over 7340032 bytes\"}");
            assertThat(next.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void otherPathsAndMethodsGetPlainAnswers() throws Exception {
        try (WebhookServer server = start(InjectionSettings.DEFAULT)) {
            HttpResponse<String> health = client.send(HttpRequest.newBuilder(uri(server, "/healthz")).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> get = client.send(HttpRequest.newBuilder(uri(server, "/mutate-pods")).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> elsewhere = client.send(HttpRequest.newBuilder(uri(server, "/mutate-pods/x"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(List.of(health.statusCode(), get.statusCode(), elsewhere.statusCode()))
                    .containsExactly(200, 405, 404);
            assertThat(health.body()).isEqualTo("ok\n");
            assertThat(elsewhere.body()).isEqualTo("{\"message\":\"no such path; the webhook is POST /mutate-pods\"}");
        }
    }

    @Test
    void publishesItsCaBundleOnceListeningAndServesOnlyTls() throws Exception {
        PUBLISHED_CA_BUNDLES.clear();
        try (WebhookServer server = start(InjectionSettings.DEFAULT)) {
            assertThat(PUBLISHED_CA_BUNDLES).containsExactly(certificates.tls().caBundlePem());

            HttpClient trustsNobody = HttpClient.newHttpClient();
            assertThatThrownBy(() -> trustsNobody.send(HttpRequest.newBuilder(uri(server, "/healthz")).build(),
                    HttpResponse.BodyHandlers.ofString())).isInstanceOf(SSLHandshakeException.class);
            trustsNobody.close();
        }
    }

    @Test
    void aKeyThatIsNotPkcs8IsRefusedWithAHint() {
        WebhookTls sec1 = new WebhookTls(certificates.tls().certificateChainPem(),
                "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n", "");

        assertThatThrownBy(sec1::sslContext).hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
    }

    /**
     * The golden pod as the webhook leaves it: where the golden file keeps the placeholder (the API server
     * names the pod later), the webhook already binds the Secret: gitmesh-sidecar-, the generateName, then
     * the first 10 hex digits of SHA-256 of the request uid.
     */
    private static JsonNode boundAsTheApiServerWouldSeeIt(ObjectNode golden, String uid)
            throws NoSuchAlgorithmException {
        String bound = BootstrapSecret.PREFIX + golden.at("/metadata/generateName").asString() + HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(uid.getBytes(UTF_8))).substring(0, 10);
        return KubernetesJson.MAPPER.readTree(golden.toString().replace("\"" + BootstrapSecret.PENDING + "\"",
                "\"" + bound + "\""));
    }

    private static WebhookServer start(InjectionSettings settings) {
        try {
            return WebhookServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), certificates.tls(),
                    new AdmissionHandler(new PodMutator(settings)), PUBLISHED_CA_BUNDLES::add);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> post(WebhookServer server, String body)
            throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri(server, WebhookServer.MUTATE_PATH))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(WebhookServer server, String path) {
        return URI.create("https://127.0.0.1:" + server.address().getPort() + path);
    }
}
