package io.gitmesh.app.deploy;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.gitmesh.ca.CaMaterial;
import io.gitmesh.ca.LeafRequest;
import io.gitmesh.ca.Pem;
import io.gitmesh.ca.bc.BouncyCastleCertificateAuthority;
import io.gitmesh.ca.bc.CaMaterialGenerator;
import io.gitmesh.ca.bc.CaSettings;
import io.gitmesh.ca.certmanager.CertManagerIssuer;
import io.gitmesh.ca.rotation.CaState;
import io.gitmesh.ca.certmanager.CertManagerSettings;
import io.gitmesh.ca.store.KubernetesSecretCaStore;
import io.gitmesh.injector.mutate.Injection;
import io.gitmesh.injector.mutate.InjectionSettings;
import io.gitmesh.injector.mutate.PodInput;
import io.gitmesh.injector.mutate.PodMutator;
import io.gitmesh.injector.secrets.BootstrapSecretController;
import io.gitmesh.injector.secrets.BootstrapSecretInformers;
import io.gitmesh.injector.secrets.BootstrapSecrets;
import io.gitmesh.injector.secrets.SecretControllerSettings;
import io.gitmesh.injector.webhook.KubernetesCaBundlePublisher;
import io.gitmesh.model.Identity;
import io.gitmesh.reconciler.kube.Leadership;
import io.gitmesh.reconciler.kube.LiveCluster;
import io.gitmesh.reconciler.loop.Outcome;
import io.gitmesh.reconciler.source.Commit;
import io.gitmesh.reconciler.source.CommitId;
import io.gitmesh.reconciler.status.EventSettings;
import io.gitmesh.reconciler.status.KubernetesEvents;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * The API calls of gitmesh's Kubernetes components, recorded by running each one against its own fabric8
 * mock API server (CRUD mode) with the names the install gives them: the Lease {@code gitmesh-leader}, the
 * CA Secret {@code gitmesh-ca}, deploy/'s own MutatingWebhookConfiguration, the xDS Service's host. What a
 * scenario sets up or checks goes through {@link CrudApiServer#setUpClient} and is not recorded.
 */
final class GitmeshApiCalls {
    static final String CA_SECRET = "gitmesh-ca";
    static final String WEBHOOK_CONFIGURATION = "gitmesh-injector";
    static final String XDS_HOST = "gitmesh-xds." + DeployTree.NAMESPACE + ".svc";
    private static final String NS = DeployTree.NAMESPACE;
    private static final String APP_NAMESPACE = "shop";

    /** What a component does, on {@code client}; {@code setUp} is for what the test arranges or checks. */
    @FunctionalInterface
    interface Scenario {
        void run(KubernetesClient client, KubernetesClient setUp) throws Exception;
    }

    private GitmeshApiCalls() {
    }

    /** Every component's calls, by component. */
    static Map<String, List<KubeApiCall>> record() {
        CaMaterial ca = new CaMaterialGenerator(Clock.systemUTC(), new SecureRandom())
                .generate(CaSettings.of("cluster.local"));
        Map<String, List<KubeApiCall>> calls = new TreeMap<>();
        calls.put("ca.store.KubernetesSecretCaStore", record((client, setUp) -> {
            KubernetesSecretCaStore store = new KubernetesSecretCaStore(client, NS, CA_SECRET);
            store.load();
            store.createIfAbsent(ca);
            CaState settled = store.load().orElseThrow();
            // a root rotation started (gitmesh ca rotate-root --secret) and moved on (the leader)
            store.replace(settled.rotation(), settled.begin(new CaMaterialGenerator(Clock.systemUTC(),
                    new SecureRandom()).generate(CaSettings.like(ca))));
        }));
        calls.put("ca.certmanager.CertManagerIssuer", record((client, setUp) -> {
            // no cert-manager answers here: the issuer creates its request, waits, gives up and deletes it
            CertManagerIssuer issuer = new CertManagerIssuer(client, CertManagerSettings.of(NS,
                    CertManagerSettings.IssuerRef.issuer("gitmesh"), "cluster.local")
                    .withTimeout(Duration.ofMillis(500)), new SecureRandom());
            try {
                issuer.issueWithNewKey(LeafRequest.of(new Identity(APP_NAMESPACE, "web")));
            } catch (RuntimeException timedOut) {
                // expected: the calls are what is recorded
            }
        }));
        calls.put("injector.secrets.BootstrapSecretController", record((client, setUp) ->
                bootstrapSecrets(client, setUp, ca)));
        calls.put("injector.webhook.KubernetesCaBundlePublisher", record((client, setUp) -> {
            setUp.resource(deployedWebhookConfiguration()).create();
            new KubernetesCaBundlePublisher(client, WEBHOOK_CONFIGURATION, Set.of("inject.gitmesh.io"))
                    .publish(Pem.certificates(ca.chain()));
        }));
        calls.put("reconciler.kube.Leadership", record((client, setUp) -> {
            try (Leadership leadership = new Leadership(client, new Leadership.Settings(NS, "gitmesh-leader",
                    "gitmesh-0", Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofMillis(200)),
                    () -> { }, () -> { })) {
                leadership.start();
                await().atMost(Duration.ofSeconds(10)).until(leadership::isLeader);
            }
        }));
        calls.put("reconciler.status.KubernetesEvents", record(GitmeshApiCalls::events));
        calls.put("reconciler.mirror.ClusterMirror", record(MirrorApiCalls::run));
        calls.put("reconciler.kube.LiveCluster", record((client, setUp) -> {
            try (LiveCluster cluster = new LiveCluster(client, LiveCluster.Settings.DEFAULTS, () -> { })) {
                cluster.start();
            }
        }));
        return calls;
    }

    /**
     * An injected pod's Secret through its life: written when the informers see the pod, written again when
     * it is deleted, renewed when due, deleted with the pod.
     */
    private static void bootstrapSecrets(KubernetesClient client, KubernetesClient setUp, CaMaterial material) {
        SettableClock clock = new SettableClock(Instant.now());
        BootstrapSecretController controller = new BootstrapSecretController(client,
                BouncyCastleCertificateAuthority.of(material, clock, new SecureRandom()),
                SecretControllerSettings.of(XDS_HOST, 15012), clock, new Random(7));
        Pod pod = setUp.resource(injectedPod()).create();
        String secretName = BootstrapSecrets.secretName(pod).orElseThrow();
        try (BootstrapSecretInformers informers = BootstrapSecretInformers.start(client, controller,
                Duration.ofHours(1))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> secret(setUp, secretName).isPresent());
        }
        Secret written = secret(setUp, secretName).orElseThrow();
        setUp.resource(written).delete();
        controller.secretDeleted(written);
        clock.set(clock.instant().plus(Duration.ofDays(2)));
        controller.check();
        controller.podDeleted(pod);
    }

    /** The same outcome twice: an Event, then its series bumped. */
    private static void events(KubernetesClient client, KubernetesClient setUp) {
        try (KubernetesEvents events = new KubernetesEvents(client, new EventSettings(NS, "apps/v1", "Deployment",
                "gitmesh", "6c0d4c3e-0000-4000-8000-000000000001", "gitmesh-0"), Clock.systemUTC())) {
            events.start();
            Outcome applied = new Outcome.Applied(new Commit(new CommitId("a".repeat(40)), "A U Thor <a@example.com>",
                    Instant.parse("2026-01-01T00:00:00Z"), "change a"));
            events.passed(applied, Optional.empty());
            await().atMost(Duration.ofSeconds(10)).until(() -> !setUp.events().v1().events().inNamespace(NS).list()
                    .getItems().isEmpty());
            events.passed(applied, Optional.empty());
            await().atMost(Duration.ofSeconds(10)).until(() -> setUp.events().v1().events().inNamespace(NS).list()
                    .getItems().stream().anyMatch(e -> e.getSeries() != null));
        }
    }

    private static Optional<Secret> secret(KubernetesClient setUp, String name) {
        return Optional.ofNullable(setUp.secrets().inNamespace(APP_NAMESPACE).withName(name).get());
    }

    /** A pod as the injector's webhook leaves it. */
    private static Pod injectedPod() {
        Pod pod = new PodBuilder()
                .withNewMetadata().withNamespace(APP_NAMESPACE).withName("web-0").endMetadata()
                .withNewSpec().withServiceAccountName("web")
                .addNewContainer().withName("app").withImage("example/web:1").endContainer()
                .endSpec().build();
        Injection injection = new PodMutator(InjectionSettings.DEFAULT).mutate(new PodInput(pod.getMetadata(),
                pod.getSpec(), PodInput.ENROLLED_NAMESPACE, Optional.empty()));
        if (!(injection instanceof Injection.Injected injected)) {
            throw new IllegalStateException("the injector did not inject the pod: " + injection);
        }
        return new PodBuilder(pod).withMetadata(injected.metadata()).withSpec(injected.spec()).build();
    }

    private static List<KubeApiCall> record(Scenario scenario) {
        KubernetesMockServer server = CrudApiServer.start();
        try (KubernetesClient client = server.createClient();
                KubernetesClient setUp = CrudApiServer.setUpClient(server, client)) {
            scenario.run(client, setUp);
            return KubeApiCallLog.calls(KubeApiCallLog.drain(server));
        } catch (Exception e) {
            throw new IllegalStateException("recording the API calls failed", e);
        } finally {
            server.destroy();
        }
    }

    private static MutatingWebhookConfiguration deployedWebhookConfiguration() {
        return Kustomization.read(DeployTree.KUSTOMIZE_BASE).build().stream()
                .filter(MutatingWebhookConfiguration.class::isInstance)
                .map(MutatingWebhookConfiguration.class::cast).findFirst().orElseThrow();
    }

    /** A clock the scenario moves forward, to make a certificate due for renewal. */
    private static final class SettableClock extends Clock {
        private volatile Instant now;

        SettableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException("UTC only");
        }
    }
}
