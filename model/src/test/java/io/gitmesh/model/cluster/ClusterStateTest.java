package io.gitmesh.model.cluster;

import static io.gitmesh.model.ClusterFixtures.deployment;
import static io.gitmesh.model.ClusterFixtures.id;
import static io.gitmesh.model.ClusterFixtures.pod;
import static io.gitmesh.model.ClusterFixtures.port;
import static io.gitmesh.model.ClusterFixtures.service;
import static io.gitmesh.model.ClusterFixtures.svc;
import static org.assertj.core.api.Assertions.assertThat;

import io.gitmesh.model.Endpoint;
import io.gitmesh.model.TargetPort;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterStateTest {

    @Test
    void aServiceIsBackedByTheWorkloadsItsSelectorPicksInItsNamespace() {
        ClusterState state = ClusterState.builder()
                .service(service("shop", "web", Map.of("app", "web"), port("http", 80)))
                .service(service("shop", "manual", Map.of(), port("http", 80)))
                .workload(deployment("shop", "web-v1", "web", Map.of("app", "web", "version", "v1")))
                .workload(deployment("shop", "web-v2", "web-v2", Map.of("app", "web", "version", "v2")))
                .workload(deployment("shop", "api", "api", Map.of("app", "api")))
                .workload(deployment("other", "web", "web", Map.of("app", "web")))
                .build();

        ServiceBackends web = state.backends(svc("shop", "web"));
        assertThat(web.workloads()).extracting(w -> w.ref().name()).containsExactly("web-v1", "web-v2");
        assertThat(web.identities()).containsExactly(id("shop", "web"), id("shop", "web-v2"));
        assertThat(state.backends(svc("shop", "manual")).workloads()).isEmpty();
        assertThat(state.backends(svc("shop", "missing"))).isEqualTo(ServiceBackends.NONE);
    }

    @Test
    void offlineThereAreWorkloadsButNoEndpoints() {
        ClusterState state = ClusterState.builder()
                .service(service("shop", "web", Map.of("app", "web"), port("http", 80)))
                .workload(deployment("shop", "web", "web", Map.of("app", "web")))
                .build();

        assertThat(state.backends(svc("shop", "web")).endpoints(port("http", 80))).isEmpty();
        assertThat(state.backends(svc("shop", "web")).identities()).containsExactly(id("shop", "web"));
    }

    @Test
    void podIpsBecomeEndpointsOnThePortEachPodServes() {
        ServicePort named = new ServicePort("http", 80, new TargetPort.Named("web"), Transport.TCP, "");
        ServicePort metrics = new ServicePort("metrics", 9090, new TargetPort.Named("prom"), Transport.TCP, "");
        ClusterState state = ClusterState.builder()
                .service(service("shop", "web", Map.of("app", "web"), named, metrics))
                .workload(pod("shop", "web-a", "web", Map.of("app", "web"), List.of("10.0.0.1"),
                        new ContainerPort("web", 8080, Transport.TCP)))
                .workload(pod("shop", "web-b", "web", Map.of("app", "web"), List.of("10.0.0.2"),
                        new ContainerPort("web", 8081, Transport.TCP)))
                .build();

        ServiceBackends web = state.backends(svc("shop", "web"));
        assertThat(web.endpoints(named)).containsExactly(
                new Endpoint("10.0.0.1", 8080, true), new Endpoint("10.0.0.2", 8081, true));
        assertThat(web.endpoints(metrics)).as("no pod has a container port named prom").isEmpty();
        assertThat(web.targetPorts(named, id("shop", "web"))).containsExactly(8080, 8081);
    }

    @Test
    void endpointSlicesReplaceTheEndpointsDerivedFromPods() {
        ServicePort http = port("http", 80);
        ClusterState state = ClusterState.builder()
                .service(service("shop", "web", Map.of("app", "web"), http))
                .workload(pod("shop", "web-a", "web", Map.of("app", "web"), List.of("10.0.0.1")))
                .workload(pod("shop", "sidecarless", "legacy", Map.of("role", "old"), List.of("10.0.0.9")))
                .endpointSlice(new EndpointSlice(svc("shop", "web"),
                        List.of(new EndpointSlice.Port("http", 8080, Transport.TCP),
                                new EndpointSlice.Port("other", 7000, Transport.TCP)),
                        List.of(new EndpointSlice.Address("10.0.0.7", true, ""),
                                new EndpointSlice.Address("10.0.0.9", false, "sidecarless"))))
                .build();

        ServiceBackends web = state.backends(svc("shop", "web"));
        assertThat(web.endpoints(http)).containsExactly(
                new Endpoint("10.0.0.7", 8080, true), new Endpoint("10.0.0.9", 8080, false));
        assertThat(web.identities()).as("the Pod a slice names backs the Service too")
                .containsExactly(id("shop", "legacy"), id("shop", "web"));
    }

    @Test
    void identitiesAreDeclaredServiceAccountsAndThoseWorkloadsRunAs() {
        ClusterState state = ClusterState.builder()
                .serviceAccount(id("shop", "declared"))
                .workload(deployment("shop", "web", "default", Map.of()))
                .workload(deployment("shop", "api", "declared", Map.of()))
                .build();

        assertThat(state.serviceAccounts()).containsExactly(id("shop", "declared"));
        assertThat(state.identities()).containsExactly(id("shop", "declared"), id("shop", "default"));
        assertThat(state.hasServiceAccount("shop", "declared")).isTrue();
        assertThat(state.hasServiceAccount("shop", "default")).as("used by a workload").isTrue();
        assertThat(state.hasServiceAccount("shop", "nobody")).isFalse();
        assertThat(state.hasServiceAccount("", "declared")).isFalse();
    }

    @Test
    void namespacesOnlyMentionedByObjectsAreImplied() {
        ClusterState state = ClusterState.builder()
                .namespace(new Namespace("shop", Map.of("mesh", "on")))
                .service(service("api", "web", Map.of()))
                .serviceAccount(id("tools", "ci"))
                .build();

        assertThat(state.namespaces()).containsExactly(new Namespace("api", Map.of()),
                new Namespace("shop", Map.of("mesh", "on")), new Namespace("tools", Map.of()));
    }

    @Test
    void nothingKnownAnswersEveryCheckWithYes() {
        assertThat(ClusterState.EMPTY.known()).isFalse();
        assertThat(ClusterState.EMPTY.hasService("any", "thing")).isTrue();
        assertThat(ClusterState.EMPTY.hasServiceAccount("any", "thing")).isTrue();
        assertThat(ClusterState.of(List.of())).isSameAs(ClusterState.EMPTY);
    }

    @Test
    void anEmptyClusterThatIsKnownAnswersNo() {
        ClusterState empty = ClusterState.builder().build();

        assertThat(empty.known()).isTrue();
        assertThat(empty.hasService("any", "thing")).isFalse();
        assertThat(empty).isNotEqualTo(ClusterState.EMPTY);
    }

    @Test
    void statesWithTheSamePartsAreEqualWhateverTheOrder() {
        var web = service("shop", "web", Map.of("app", "web"), port("http", 80));
        var api = service("shop", "api", Map.of("app", "api"), port("http", 80));
        var w1 = deployment("shop", "web", "web", Map.of("app", "web"));
        var w2 = deployment("shop", "api", "api", Map.of("app", "api"));

        ClusterState one = ClusterState.builder().service(web).service(api).workload(w1).workload(w2).build();
        ClusterState two = ClusterState.builder().workload(w2).service(api).workload(w1).service(web).build();

        assertThat(one).isEqualTo(two).hasSameHashCodeAs(two);
        assertThat(one.services()).extracting(Service::ref).containsExactly(svc("shop", "api"), svc("shop", "web"));
    }
}
