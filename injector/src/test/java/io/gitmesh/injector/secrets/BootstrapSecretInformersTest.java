package io.gitmesh.injector.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.gitmesh.ca.bc.BouncyCastleCertificateAuthority;
import io.gitmesh.ca.bc.CaMaterialGenerator;
import io.gitmesh.ca.bc.CaSettings;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The Secret lifecycle driven by informers on the fabric8 CRUD API server: created for a new injected pod,
 * written again when deleted under it, gone when the pod is deleted (the mock has no garbage collector, so
 * this is the controller's own delete), and nothing for a pod that is not injected.
 */
@EnableKubernetesMockClient(crud = true)
class BootstrapSecretInformersTest {
    private static final String NAMESPACE = "bookstore";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final SecureRandom RANDOM = new SecureRandom();

    KubernetesClient client;

    @Test
    void createdForAnInjectedPodWrittenAgainWhenDeletedAndGoneWithThePod() {
        Clock clock = Clock.systemUTC();
        BootstrapSecretController controller = new BootstrapSecretController(client,
                BouncyCastleCertificateAuthority.of(new CaMaterialGenerator(clock, RANDOM)
                        .generate(CaSettings.of("cluster.local")), clock, RANDOM),
                SecretControllerSettings.of("gitmesh.gitmesh-system.svc", 15018), clock, new Random(7));
        try (BootstrapSecretInformers running = BootstrapSecretInformers.start(client, controller,
                Duration.ofHours(1))) {
            client.pods().inNamespace(NAMESPACE).resource(InjectedPods.plain(NAMESPACE, "plain", "plain")).create();
            client.pods().inNamespace(NAMESPACE).resource(InjectedPods.injected(NAMESPACE, "bookstore-v1", "bookstore"))
                    .create();

            Secret first = await().atMost(WAIT).until(() -> secret("gitmesh-sidecar-bookstore-v1"),
                    secret -> secret != null);

            client.secrets().inNamespace(NAMESPACE).withName("gitmesh-sidecar-bookstore-v1").delete();
            Secret rewritten = await().atMost(WAIT).until(() -> secret("gitmesh-sidecar-bookstore-v1"),
                    secret -> secret != null && !secret.getMetadata().getUid().equals(first.getMetadata().getUid()));
            assertThat(rewritten.getData().get("cert.pem")).isNotEqualTo(first.getData().get("cert.pem"));

            client.pods().inNamespace(NAMESPACE).withName("bookstore-v1").delete();
            await().atMost(WAIT).until(() -> secret("gitmesh-sidecar-bookstore-v1") == null);
            assertThat(client.secrets().inNamespace(NAMESPACE).list().getItems()).isEmpty();
            assertThat(controller.tracked()).isZero();
        }
    }

    private Secret secret(String name) {
        return client.secrets().inNamespace(NAMESPACE).withName(name).get();
    }
}
