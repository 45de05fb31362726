package io.gitmesh.reconciler.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.gitmesh.schema.ResourceKey;
import io.gitmesh.schema.kube.KubeObject;
import io.gitmesh.schema.kube.KubeWorkload;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Informers against fabric8's CRUD API server: what the mesh sees, and when it is told. A fresh server
 * per test: the mock can stall when a watch closes while it is sending events.
 */
@EnableKubernetesMockClient(crud = true)
class LiveClusterTest {
    KubernetesClient client;

    private final AtomicInteger runs = new AtomicInteger();
    private LiveCluster cluster;

    @BeforeEach
    void cluster() {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("shop")
                .addToLabels("gitmesh.io/inject", "enabled").endMetadata().build()).create();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("other").endMetadata().build())
                .create();
        client.serviceAccounts().inNamespace("shop").resource(new ServiceAccountBuilder().withNewMetadata()
                .withName("web").endMetadata().build()).create();
        client.services().inNamespace("shop").resource(new ServiceBuilder().withNewMetadata().withName("web")
                .endMetadata().withNewSpec().addToSelector("app", "web").addNewPort().withName("http").withPort(80)
                .withNewTargetPort(8080).endPort().endSpec().build()).create();
        client.discovery().v1().endpointSlices().inNamespace("shop").resource(new EndpointSliceBuilder()
                .withNewMetadata().withName("web-1").addToLabels("kubernetes.io/service-name", "web").endMetadata()
                .withAddressType("IPv4").addNewEndpoint().withAddresses("10.0.0.1").endEndpoint()
                .addNewPort().withName("http").withPort(8080).endPort().build()).create();
        client.pods().inNamespace("shop").resource(pod("web-1", "10.0.0.1")).create();
        client.pods().inNamespace("other").resource(pod("elsewhere", "10.9.0.1")).create();
    }

    @AfterEach
    void stop() {
        // the client first: the mock server can stall when a watch is closed politely while it sends events
        client.close();
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aChangeGitmeshReadsIsSignalledAndOneItIgnoresIsNot() {
        start(LiveCluster.Settings.DEFAULTS);
        long before = cluster.changes();

        client.pods().inNamespace("shop").withName("web-1").edit(p -> new PodBuilder(p).editStatus()
                .withMessage("a status field gitmesh does not read").endStatus().build());
        client.pods().inNamespace("other").withName("elsewhere").edit(p -> new PodBuilder(p).editStatus()
                .withPodIP("10.9.0.2").withPodIPs().addNewPodIP("10.9.0.2").endStatus().build());
        client.pods().inNamespace("shop").resource(pod("web-2", "10.0.0.2")).create();

        await().atMost(Duration.ofSeconds(10)).until(() -> keys().contains(new ResourceKey("Pod", "shop", "web-2")));
        assertThat(cluster.changes()).isEqualTo(before + 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() >= 1);
    }

    @Test
    void informerResyncsDeliverTheSameObjectsAndSignalNothing() {
        start(new LiveCluster.Settings("gitmesh.io/inject", "enabled", Duration.ofMillis(100), Duration.ofSeconds(2),
                Duration.ofMillis(100)));
        await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() >= 1); // the initial listing
        long changes = cluster.changes();
        int recompiles = runs.get();

        await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(5)) // spans several resync periods
                .until(() -> cluster.changes() == changes && runs.get() == recompiles);

        assertThat(cluster.objects()).hasSize(5);
    }

    @Test
    void seesTheObjectsOfEnrolledNamespacesOnlyAndFollowsDeletionsAndEnrolment() {
        start(LiveCluster.Settings.DEFAULTS);
        assertThat(cluster.objects()).extracting(KubeObject::key).containsExactly(
                new ResourceKey("EndpointSlice", "shop", "web-1"),
                new ResourceKey("Namespace", "", "shop"),
                new ResourceKey("Pod", "shop", "web-1"),
                new ResourceKey("Service", "shop", "web"),
                new ResourceKey("ServiceAccount", "shop", "web"));
        assertThat(cluster.objects()).filteredOn(KubeWorkload.class::isInstance).singleElement()
                .satisfies(pod -> assertThat(((KubeWorkload) pod).podIPs()).containsExactly("10.0.0.1"));

        client.pods().inNamespace("shop").withName("web-1").delete();
        await().atMost(Duration.ofSeconds(10)).until(() -> !keys().contains(new ResourceKey("Pod", "shop", "web-1")));

        client.namespaces().withName("other").edit(n -> new NamespaceBuilder(n).editMetadata()
                .addToLabels("gitmesh.io/inject", "enabled").endMetadata().build());
        await().atMost(Duration.ofSeconds(10)).until(() -> keys().contains(new ResourceKey("Pod", "other", "elsewhere")));

        client.namespaces().withName("shop").edit(n -> new NamespaceBuilder(n).editMetadata()
                .removeFromLabels("gitmesh.io/inject").endMetadata().build());
        await().atMost(Duration.ofSeconds(10)).until(() -> keys().stream().noneMatch(k -> k.namespace().equals("shop")
                || k.name().equals("shop")));
    }

    @Test
    void aRolloutOfFiveHundredPodsIsAHandfulOfRecompiles() {
        start(LiveCluster.Settings.DEFAULTS);
        await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() >= 1); // the initial listing, signalled once
        int runsBefore = runs.get();

        for (int i = 0; i < 500; i++) {
            client.pods().inNamespace("shop").resource(pod("rollout-" + i, "10.1." + i / 250 + "." + i % 250)).create();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> keys().stream()
                .filter(k -> k.name().startsWith("rollout-")).count() == 500);
        await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() > runsBefore);
        int recompiles = runs.get() - runsBefore;
        assertThat(recompiles).as("recompiles for 500 pod events").isBetween(1, 10);
    }

    private void start(LiveCluster.Settings settings) {
        cluster = new LiveCluster(client, settings, runs::incrementAndGet);
        cluster.start();
    }

    private List<ResourceKey> keys() {
        return cluster.objects().stream().map(KubeObject::key).toList();
    }

    private static Pod pod(String name, String ip) {
        return new PodBuilder().withNewMetadata().withName(name).addToLabels("app", "web").endMetadata()
                .withNewSpec().withServiceAccountName("web").addNewContainer().withName("app").withImage("web")
                .addNewPort().withContainerPort(8080).endPort().endContainer().endSpec()
                .withNewStatus().withPodIP(ip).addNewPodIP(ip).endStatus().build();
    }
}
