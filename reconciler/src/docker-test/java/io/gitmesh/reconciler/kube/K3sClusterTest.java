package io.gitmesh.reconciler.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.gitmesh.schema.ResourceKey;
import io.gitmesh.schema.kube.KubeObject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The live-cluster flow of {@link LiveClusterTest} and {@link LeadershipTest} on a real API server (k3s
 * in Docker). Runs with {@code -Pdocker} where a Docker engine is available and is reported as skipped
 * elsewhere.
 */
@Testcontainers(disabledWithoutDocker = true)
class K3sClusterTest {
    @Container
    static final K3sContainer K3S = new K3sContainer(DockerImageName.parse("rancher/k3s:v1.31.4-k3s1"));

    static KubernetesClient client;

    @BeforeAll
    static void connect() {
        client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(K3S.getKubeConfigYaml())).build();
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @Test
    void servicesAndEndpointSlicesOfAnEnrolledNamespaceReachTheView() {
        AtomicInteger runs = new AtomicInteger();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("shop")
                .addToLabels("gitmesh.io/inject", "enabled").endMetadata().build()).create();
        try (LiveCluster cluster = new LiveCluster(client, LiveCluster.Settings.DEFAULTS, runs::incrementAndGet)) {
            cluster.start();

            client.services().inNamespace("shop").resource(new ServiceBuilder().withNewMetadata().withName("web")
                    .endMetadata().withNewSpec().addNewPort().withName("http").withPort(80).withNewTargetPort(8080)
                    .endPort().endSpec().build()).create();
            client.discovery().v1().endpointSlices().inNamespace("shop").resource(new EndpointSliceBuilder()
                    .withNewMetadata().withName("web-manual").addToLabels("kubernetes.io/service-name", "web")
                    .endMetadata().withAddressType("IPv4").addNewEndpoint().withAddresses("10.0.0.1").endEndpoint()
                    .addNewPort().withName("http").withPort(8080).endPort().build()).create();

            await().atMost(Duration.ofSeconds(30)).until(() -> cluster.objects().stream().map(KubeObject::key).toList()
                    .containsAll(java.util.List.of(new ResourceKey("Service", "shop", "web"),
                            new ResourceKey("EndpointSlice", "shop", "web-manual"))));
            await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() >= 1);
        }
    }

    @Test
    void aStoppedLeaderHandsOver() {
        Leadership.Settings timing = new Leadership.Settings("default", "gitmesh-leader", "a", Duration.ofSeconds(4),
                Duration.ofSeconds(3), Duration.ofMillis(500));
        try (Leadership a = new Leadership(client, timing, () -> { }, () -> { });
                Leadership b = new Leadership(client, new Leadership.Settings("default", "gitmesh-leader", "b",
                        timing.leaseDuration(), timing.renewDeadline(), timing.retryPeriod()), () -> { }, () -> { })) {
            a.start();
            await().atMost(Duration.ofSeconds(20)).until(a::isLeader);
            b.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> b.leader().equals(java.util.Optional.of("a")));

            a.close();

            await().atMost(timing.leaseDuration().plusSeconds(2)).until(b::isLeader);
            assertThat(a.isLeader()).isFalse();
        }
    }
}
