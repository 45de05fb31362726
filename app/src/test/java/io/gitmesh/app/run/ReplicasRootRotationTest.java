package io.gitmesh.app.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.gitmesh.app.cli.TestCompilers;
import io.gitmesh.ca.Fingerprint;
import io.gitmesh.ca.bc.CaMaterialGenerator;
import io.gitmesh.ca.bc.CaSettings;
import io.gitmesh.ca.rotation.CaState;
import io.gitmesh.ca.rotation.RootRotation;
import io.gitmesh.ca.rotation.RootRotation.Stage;
import io.gitmesh.ca.store.CertificateChains;
import io.gitmesh.ca.store.KubernetesSecretCaStore;
import io.gitmesh.injector.mutate.Injection;
import io.gitmesh.injector.mutate.InjectionSettings;
import io.gitmesh.injector.mutate.PodInput;
import io.gitmesh.injector.mutate.PodMutator;
import io.gitmesh.injector.secrets.BootstrapSecrets;
import io.gitmesh.reconciler.files.DirectoryGitSource;
import io.gitmesh.reconciler.files.DirectorySource;
import io.gitmesh.reconciler.kube.Leadership;
import io.gitmesh.reconciler.source.PolicyPaths;
import io.gitmesh.schema.Limits;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A root rotation of the CA Secret with two replicas of {@code gitmesh run --cluster kube} and the injector:
 * the leader moves it on, the other replica follows the stage it reads, and the injected pod's bootstrap
 * Secret and the webhook's CA bundle end with the new root alone; a proxy connected to the other replica holds
 * each stage until it acknowledges it.
 */
@EnableKubernetesMockClient(crud = true)
class ReplicasRootRotationTest {
    private static final String NAMESPACE = "gitmesh-system";
    private static final String WEBHOOKS = """
            apiVersion: admissionregistration.k8s.io/v1
            kind: MutatingWebhookConfiguration
            metadata: {name: gitmesh-injector}
            webhooks:
            - name: inject.gitmesh.io
              admissionReviewVersions: [v1]
              sideEffects: None
              clientConfig: {service: {name: gitmesh-injector, namespace: gitmesh-system, path: /mutate-pods}}
            """;

    KubernetesClient client;
    @TempDir
    Path tmp;
    private ControlPlane leader;
    private ControlPlane follower;
    private KubernetesSecretCaStore store;

    @BeforeEach
    void start() throws IOException {
        Files.createDirectories(tmp.resolve("repo"));
        Files.writeString(tmp.resolve("repo/mesh.yaml"), EchoMesh.MESH);
        MockCluster.apply(client, """
                apiVersion: v1
                kind: Namespace
                metadata: {name: shop, labels: {gitmesh.io/inject: enabled}}
                ---
                apiVersion: v1
                kind: ServiceAccount
                metadata: {name: web, namespace: shop}
                ---
                """ + WEBHOOKS);
        client.pods().inNamespace("shop").resource(injected()).create();
        store = new KubernetesSecretCaStore(client, NAMESPACE, "gitmesh-ca");
        leader = replica("replica-a");
        await().atMost(Duration.ofSeconds(10)).until(() -> leader.leading().orElse(false));
        follower = replica("replica-b");
    }

    @AfterEach
    void stop() {
        follower.close();
        leader.close();
        client.close(); // its watches end before the mock server stops
    }

    @Test
    void theLeaderMovesTheRotationOnTheOtherFollowsAndEveryBundleEndsWithTheNewRoot() {
        await().atMost(Duration.ofSeconds(20)).until(() -> bootstrapSecret().isPresent());
        CaState settled = store.load().orElseThrow();
        Fingerprint oldRoot = settled.rotation().oldRoot();
        try (HandDrivenEnvoy envoy = HandDrivenEnvoy.connect(leader.xdsAddress().getPort(), settled)) {
            envoy.accept(envoy.next());
            CaState trusting = settled.begin(new CaMaterialGenerator(Clock.systemUTC(), new SecureRandom())
                    .generate(CaSettings.like(settled.current())));
            assertThat(store.replace(settled.rotation(), trusting)).isTrue();
            Fingerprint newRoot = trusting.rotation().newRoot().orElseThrow();

            new StatusPage(leader).awaitStage("trusting-new-root", "replica replica-a: 1 proxies have not yet acknowledged");
            new StatusPage(follower).awaitStage("trusting-new-root", "another replica (the leader) moves");
            assertThat(new StatusPage(follower).rotation().path("movesOn").asBoolean()).isFalse();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(roots(field(bootstrapSecret().orElseThrow(), "ca.pem"))).containsExactly(oldRoot, newRoot);
                assertThat(roots(caBundle())).containsExactly(oldRoot, newRoot);
            });

            envoy.accept(envoy.next());
            new StatusPage(leader).awaitStage("issuing-from-new-root", "replica replica-a: 1 live certificates");
            new StatusPage(follower).awaitStage("issuing-from-new-root", "another replica (the leader) moves");
            envoy.accept(envoy.next());

            new StatusPage(leader).awaitStage("settled", null);
            new StatusPage(follower).awaitStage("settled", null);
            assertThat(store.load().orElseThrow().rotation()).isEqualTo(RootRotation.settled(newRoot));
            assertThat(client.secrets().inNamespace(NAMESPACE).withName("gitmesh-ca").get().getData())
                    .containsOnlyKeys("root.pem", "root-key.pem");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                Secret bootstrap = bootstrapSecret().orElseThrow();
                assertThat(roots(field(bootstrap, "ca.pem"))).containsExactly(newRoot);
                assertThat(issuer(bootstrap)).isEqualTo(newRoot);
                assertThat(roots(caBundle())).containsExactly(newRoot);
            });
        }
    }

    @Test
    void aProxyConnectedToTheOtherReplicaHoldsEachStageUntilItAcknowledges() {
        await().atMost(Duration.ofSeconds(20)).until(() -> bootstrapSecret().isPresent());
        CaState settled = store.load().orElseThrow();
        Fingerprint oldRoot = settled.rotation().oldRoot();
        try (HandDrivenEnvoy envoy = HandDrivenEnvoy.connect(follower.xdsAddress().getPort(), settled)) {
            envoy.accept(envoy.next());
            CaState trusting = settled.begin(new CaMaterialGenerator(Clock.systemUTC(), new SecureRandom())
                    .generate(CaSettings.like(settled.current())));
            assertThat(store.replace(settled.rotation(), trusting)).isTrue();
            Fingerprint newRoot = trusting.rotation().newRoot().orElseThrow();

            DiscoveryResponse bothRoots = envoy.next();
            assertThat(HandDrivenEnvoy.bundleOf(bothRoots)).containsExactly(oldRoot, newRoot);
            new StatusPage(leader).awaitStage("trusting-new-root",
                    "replica replica-b: 1 proxies have not yet acknowledged a trust bundle with the new root");
            holds(Stage.TRUSTING_NEW_ROOT);

            envoy.accept(bothRoots);
            DiscoveryResponse newCertificate = envoy.next();
            assertThat(HandDrivenEnvoy.issuerOf(newCertificate)).isEqualTo(newRoot);
            new StatusPage(leader).awaitStage("issuing-from-new-root",
                    "replica replica-b: 1 live certificates still chain to the old root");
            holds(Stage.ISSUING_FROM_NEW_ROOT);

            envoy.accept(newCertificate);
            new StatusPage(leader).awaitStage("settled", null);
            new StatusPage(follower).awaitStage("settled", null);
            assertThat(HandDrivenEnvoy.bundleOf(envoy.next())).containsExactly(newRoot);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(client.secrets()
                    .inNamespace(NAMESPACE).withName("gitmesh-ca").get().getMetadata().getAnnotations())
                    .as("the reports on the rotation are gone").satisfiesAnyOf(
                            annotations -> assertThat(annotations).isNull(),
                            annotations -> assertThat(annotations.keySet()).noneMatch(key -> key.startsWith(
                                    KubernetesSecretCaStore.ROTATION_REPORT_PREFIX))));
        }
    }

    /** The store keeps {@code stage} through several of the leader's checks (every 200 ms). */
    private void holds(Stage stage) {
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> store.load().orElseThrow().stage() == stage);
    }

    private ControlPlane replica(String name) throws IOException {
        KubernetesRuntime.Settings defaults = KubernetesRuntime.Settings.defaults(NAMESPACE, name);
        return ControlPlane.start(new ControlPlane.Settings(new InetSocketAddress("127.0.0.1", 0),
                        new InetSocketAddress("127.0.0.1", 0), Duration.ofHours(1),
                        new XdsSecurity.MutualTls(tmp.resolve("unused"), "cluster.local", "localhost")
                                .withRotation(new XdsSecurity.RootRotationTiming(Duration.ofMillis(200),
                                        Duration.ofSeconds(1))),
                        Optional.empty())
                        .withInjector(new ControlPlane.Injector(new InetSocketAddress("127.0.0.1", 0),
                                List.of("localhost"), "gitmesh-injector", Set.of("inject.gitmesh.io"))),
                new DirectoryGitSource(tmp.resolve("repo"), new DirectorySource(Limits.DEFAULT), Clock.systemUTC()),
                PolicyPaths.WHOLE_TREE, new ClusterSource.Kubernetes(client, defaults.withLeadership(
                        new Leadership.Settings(NAMESPACE, "gitmesh-leader", name, Duration.ofSeconds(3),
                                Duration.ofSeconds(2), Duration.ofMillis(200)))),
                TestCompilers.continuous());
    }

    /** shop/web-0 as the webhook leaves it: its bootstrap Secret is the controller's to write. */
    private static Pod injected() {
        Pod pod = new PodBuilder()
                .withNewMetadata().withNamespace("shop").withName("web-0").addToLabels("app", "web").endMetadata()
                .withNewSpec().withServiceAccountName("web")
                .addNewContainer().withName("app").withImage("web:1").addNewPort().withContainerPort(8080).endPort()
                .endContainer().endSpec()
                .build();
        Injection injection = new PodMutator(InjectionSettings.DEFAULT).mutate(new PodInput(pod.getMetadata(),
                pod.getSpec(), PodInput.ENROLLED_NAMESPACE, Optional.empty()));
        Injection.Injected injected = (Injection.Injected) injection;
        return new PodBuilder(pod).withMetadata(injected.metadata()).withSpec(injected.spec()).build();
    }

    private Optional<Secret> bootstrapSecret() {
        Pod pod = client.pods().inNamespace("shop").withName("web-0").get();
        return Optional.ofNullable(client.secrets().inNamespace("shop")
                .withName(BootstrapSecrets.secretName(pod).orElseThrow()).get());
    }

    private String caBundle() {
        MutatingWebhookConfiguration webhooks = client.admissionRegistration().v1().mutatingWebhookConfigurations()
                .withName("gitmesh-injector").get();
        return new String(Base64.getDecoder().decode(webhooks.getWebhooks().getFirst().getClientConfig()
                .getCaBundle()), StandardCharsets.US_ASCII);
    }

    private static List<Fingerprint> roots(String pem) {
        return CertificateChains.parse(pem).stream().map(Fingerprint::of).toList();
    }

    private static Fingerprint issuer(Secret bootstrap) {
        X509Certificate leaf = CertificateChains.parse(field(bootstrap, "cert.pem")).getFirst();
        return CertificateChains.issuerOf(leaf, CertificateChains.parse(field(bootstrap, "ca.pem")))
                .map(Fingerprint::of).orElseThrow();
    }

    private static String field(Secret secret, String name) {
        return new String(Base64.getDecoder().decode(secret.getData().get(name)), StandardCharsets.US_ASCII);
    }
}
