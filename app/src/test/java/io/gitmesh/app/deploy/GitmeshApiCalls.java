package io.gitmesh.app.deploy;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.gitmesh.ca.CaMaterial;
import io.gitmesh.ca.Pem;
import io.gitmesh.ca.bc.CaMaterialGenerator;
import io.gitmesh.ca.bc.CaSettings;
import io.gitmesh.ca.store.KubernetesSecretCaStore;
import io.gitmesh.injector.webhook.KubernetesCaBundlePublisher;
import io.gitmesh.reconciler.kube.Leadership;
import io.gitmesh.reconciler.kube.LiveCluster;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The API calls of gitmesh's Kubernetes components, recorded by running each one against its own fabric8
 * mock API server (CRUD mode), with the names the install gives them: the Lease {@code gitmesh-leader}, the
 * CA Secret {@code gitmesh-ca}, the MutatingWebhookConfiguration of deploy/ itself. What an administrator
 * sets up beforehand is not recorded. Components with a richer life (the bootstrap-Secret controller, the
 * cert-manager issuer) log their own tests' calls through {@link KubeApiCallLog} instead.
 */
final class GitmeshApiCalls {
    static final String CA_SECRET = "gitmesh-ca";
    static final String WEBHOOK_CONFIGURATION = "gitmesh-injector";
    private static final String NS = DeployTree.NAMESPACE;

    @FunctionalInterface
    interface Scenario {
        void run(KubernetesClient client) throws Exception;
    }

    private GitmeshApiCalls() {
    }

    /** Every component's calls, by component. */
    static Map<String, List<KubeApiCall>> record() {
        CaMaterial ca = new CaMaterialGenerator(Clock.systemUTC(), new SecureRandom())
                .generate(CaSettings.of("cluster.local"));
        Map<String, List<KubeApiCall>> calls = new TreeMap<>();
        calls.put("ca.store.KubernetesSecretCaStore", record(client -> { }, client -> {
            KubernetesSecretCaStore store = new KubernetesSecretCaStore(client, NS, CA_SECRET);
            store.load();
            store.createIfAbsent(ca);
            store.load();
        }));
        calls.put("injector.webhook.KubernetesCaBundlePublisher", record(
                client -> client.resource(deployedWebhookConfiguration()).create(),
                client -> new KubernetesCaBundlePublisher(client, WEBHOOK_CONFIGURATION,
                        Set.of("inject.gitmesh.io")).publish(Pem.certificates(ca.chain()))));
        calls.put("reconciler.kube.Leadership", record(client -> { }, client -> {
            try (Leadership leadership = new Leadership(client, new Leadership.Settings(NS, "gitmesh-leader",
                    "gitmesh-0", Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofMillis(200)),
                    () -> { }, () -> { })) {
                leadership.start();
                await().atMost(Duration.ofSeconds(10)).until(leadership::isLeader);
            }
        }));
        calls.put("reconciler.kube.LiveCluster", record(client -> { }, client -> {
            try (LiveCluster cluster = new LiveCluster(client, LiveCluster.Settings.DEFAULTS, () -> { })) {
                cluster.start();
            }
        }));
        return calls;
    }

    private static List<KubeApiCall> record(Scenario setUp, Scenario component) {
        KubernetesMockServer server = CrudApiServer.start();
        try (KubernetesClient client = server.createClient()) {
            setUp.run(client);
            KubeApiCallLog.drain(server);
            component.run(client);
            return KubeApiCallLog.calls(KubeApiCallLog.drain(server));
        } catch (Exception e) {
            throw new IllegalStateException("recording the API calls failed", e);
        } finally {
            server.destroy();
        }
    }

    private static MutatingWebhookConfiguration deployedWebhookConfiguration() {
        List<HasMetadata> base = Kustomization.read(DeployTree.KUSTOMIZE_BASE).build();
        return base.stream().filter(MutatingWebhookConfiguration.class::isInstance)
                .map(MutatingWebhookConfiguration.class::cast).findFirst().orElseThrow();
    }
}
