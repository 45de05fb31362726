package io.gitmesh.injector.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.gitmesh.ca.CaMaterial;
import io.gitmesh.ca.Fingerprint;
import io.gitmesh.ca.TrustBundle;
import io.gitmesh.ca.bc.BouncyCastleCertificateAuthority;
import io.gitmesh.ca.bc.CaMaterialGenerator;
import io.gitmesh.ca.bc.CaSettings;
import io.gitmesh.ca.store.CertificateChains;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bootstrap Secrets through the stages of a root rotation, against the fabric8 CRUD API server: each
 * stage's authority brings every Secret in line at once, and the controller reports what a stage waits for.
 */
@EnableKubernetesMockClient(crud = true)
class BootstrapSecretRotationTest {
    private static final String NAMESPACE = "bookstore";
    private static final SecureRandom RANDOM = new SecureRandom();

    KubernetesClient client;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T00:00:00Z"));
    private BouncyCastleCertificateAuthority old;
    private BouncyCastleCertificateAuthority replacement;
    private TrustBundle both;
    private BootstrapSecretController controller;

    @BeforeEach
    void setUp() {
        CaMaterialGenerator generator = new CaMaterialGenerator(clock, RANDOM);
        old = BouncyCastleCertificateAuthority.of(generator.generate(CaSettings.of("cluster.local")), clock, RANDOM);
        CaMaterial next = generator.generate(CaSettings.of("cluster.local"));
        replacement = BouncyCastleCertificateAuthority.of(next, clock, RANDOM);
        both = old.trustBundle().with(next.root().certificate());
        controller = new BootstrapSecretController(client, old,
                SecretControllerSettings.of("gitmesh.gitmesh-system.svc", 15018)
                        .withCertificateLifetime(Duration.ofHours(1)), clock, new Random(7));
        for (String name : List.of("bookstore-v1", "bookstore-v2")) {
            controller.podChanged(create(InjectedPods.injected(NAMESPACE, name, "bookstore")));
        }
    }

    @Test
    void everySecretTrustsTheNewRootInStageOneWhileTheOldRootStillSigns() {
        assertThat(controller.secretsWithout(replacement.root())).isEqualTo(2);

        controller.useAuthority(old.withTrustBundle(both), old.root());

        for (Secret secret : secrets()) {
            assertThat(roots(secret)).containsExactly(old.root(), replacement.root());
            assertThat(issuer(secret)).isEqualTo(old.root());
        }
        assertThat(controller.secretsWithout(replacement.root())).isZero();
        assertThat(controller.liveCertificatesOf(old.root())).isEqualTo(2);
    }

    @Test
    void stageTwoRenewsEveryCertificateOfTheOldRootAtOnceAndStageThreeDropsIt() {
        controller.useAuthority(old.withTrustBundle(both), old.root());

        controller.useAuthority(replacement.withTrustBundle(both), replacement.root());

        assertThat(secrets()).allSatisfy(secret -> assertThat(issuer(secret)).isEqualTo(replacement.root()));
        assertThat(controller.liveCertificatesOf(old.root())).isZero();
        assertThat(controller.liveCertificatesOf(replacement.root())).isEqualTo(2);

        controller.useAuthority(replacement, replacement.root());

        assertThat(secrets()).allSatisfy(secret -> assertThat(roots(secret)).containsExactly(replacement.root()));
        assertThat(controller.secretsWithout(old.root())).as("no Secret keeps the old root").isEqualTo(2);
    }

    @Test
    void aNewControllerOfALeaderElectedInStageTwoRenewsWhatTheOldRootSigned() {
        controller.useAuthority(old.withTrustBundle(both), old.root());
        BootstrapSecretController successor = new BootstrapSecretController(client, replacement.withTrustBundle(both),
                SecretControllerSettings.of("gitmesh.gitmesh-system.svc", 15018), clock, new Random(7));
        successor.useAuthority(replacement.withTrustBundle(both), replacement.root());

        client.pods().inNamespace(NAMESPACE).list().getItems().forEach(successor::podChanged);

        assertThat(secrets()).allSatisfy(secret -> assertThat(issuer(secret)).isEqualTo(replacement.root()));
        assertThat(successor.liveCertificatesOf(old.root())).isZero();
    }

    private Pod create(Pod pod) {
        return client.pods().inNamespace(NAMESPACE).resource(pod).create();
    }

    private List<Secret> secrets() {
        List<Secret> secrets = client.secrets().inNamespace(NAMESPACE).list().getItems();
        assertThat(secrets).hasSize(2);
        return secrets;
    }

    private static List<Fingerprint> roots(Secret secret) {
        return CertificateChains.parse(text(secret, "ca.pem")).stream().map(Fingerprint::of).toList();
    }

    /** The root of ca.pem that signed the top of cert.pem's chain. */
    private static Fingerprint issuer(Secret secret) {
        List<X509Certificate> chain = CertificateChains.parse(text(secret, "cert.pem"));
        return CertificateChains.issuerOf(chain.getLast(), CertificateChains.parse(text(secret, "ca.pem")))
                .map(Fingerprint::of).orElseThrow(() -> new AssertionError("no root of ca.pem signed cert.pem"));
    }

    private static String text(Secret secret, String key) {
        return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
    }
}
