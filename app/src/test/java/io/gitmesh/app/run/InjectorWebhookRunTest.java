package io.gitmesh.app.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gitmesh.app.cli.TestCompilers;
import io.gitmesh.model.Identity;
import io.gitmesh.reconciler.files.DirectoryGitSource;
import io.gitmesh.reconciler.files.DirectorySource;
import io.gitmesh.reconciler.source.PolicyPaths;
import io.gitmesh.schema.Limits;
import io.gitmesh.schema.SourceFiles;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code gitmesh run --injector-address}: the admission webhook over HTTPS with a certificate from the
 * control plane's CA, injecting with the sidecar settings of the applied commit's MeshConfig.
 */
class InjectorWebhookRunTest {
    private static final String MESH = """
            apiVersion: gitmesh.io/v1alpha1
            kind: MeshConfig
            metadata: {name: mesh}
            spec: {sidecar: {mode: %s}}
            """;
    private static final String REVIEW = """
            {"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview",
             "request": {"uid": "705ab4f5-6393-11e8-b7cc-42010a800002",
              "kind": {"group": "", "version": "v1", "kind": "Pod"},
              "resource": {"group": "", "version": "v1", "resource": "pods"},
              "namespace": "shop", "operation": "CREATE",
              "object": {"apiVersion": "v1", "kind": "Pod",
               "metadata": {"generateName": "web-", "namespace": "shop", "labels": {"app": "web"}},
               "spec": {"serviceAccountName": "web", "containers": [{"name": "app", "image": "web:1",
                 "ports": [{"containerPort": 8080}]}]}}}}
            """;

    @TempDir
    Path tmp;
    private ControlPlane plane;

    @AfterEach
    void stop() {
        if (plane != null) {
            plane.close();
        }
    }

    @Test
    void injectsWithTheSidecarModeOfTheAppliedMeshConfig() throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        Files.writeString(repo.resolve("mesh.yaml"), MESH.formatted("legacy"));
        plane = ControlPlane.start(new ControlPlane.Settings(new InetSocketAddress("127.0.0.1", 0),
                        new InetSocketAddress("127.0.0.1", 0), Duration.ofHours(1),
                        XdsSecurity.mutualTls(tmp.resolve("ca")), Optional.empty())
                        .withInjector(new ControlPlane.Injector(new InetSocketAddress("127.0.0.1", 0),
                                List.of("localhost"), "gitmesh-injector", Set.of("inject.gitmesh.io"))),
                new DirectoryGitSource(repo, new DirectorySource(Limits.DEFAULT), Clock.systemUTC()),
                PolicyPaths.WHOLE_TREE, () -> new SourceFiles(List.of(), List.of()), TestCompilers.continuous());
        plane.writeWorkloadFiles(new Identity("shop", "web"), Duration.ofHours(1), tmp.resolve("certs"));
        HttpClient client = HttpClient.newBuilder().sslContext(trusting(tmp.resolve("certs/ca.pem"))).build();

        JsonNode legacy = review(client);

        assertThat(legacy.path("response").path("allowed").asBoolean()).isTrue();
        assertThat(patch(legacy)).contains("\"gitmesh.io/injected\":\"legacy\"", "\"image\":\"envoyproxy/envoy:");

        Files.writeString(repo.resolve("mesh.yaml"), MESH.formatted("native"));
        plane.trigger();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> patch(review(client)).contains("\"gitmesh.io/injected\":\"native\""));
    }

    private JsonNode review(HttpClient client) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("https://localhost:"
                        + plane.injectorAddress().orElseThrow().getPort() + "/mutate-pods"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(REVIEW)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return JsonMapper.builder().build().readTree(response.body());
    }

    private static String patch(JsonNode review) {
        return new String(Base64.getDecoder().decode(review.path("response").path("patch").asString()),
                StandardCharsets.UTF_8);
    }

    /** A TLS context that trusts only the mesh CA's root: the webhook's certificate must chain to it. */
    private static SSLContext trusting(Path caPem) throws Exception {
        KeyStore roots = KeyStore.getInstance(KeyStore.getDefaultType());
        roots.load(null, null);
        try (InputStream in = Files.newInputStream(caPem)) {
            roots.setCertificateEntry("mesh-root", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(roots);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
