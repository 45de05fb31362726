package io.gitmesh.model.cluster;

import static io.gitmesh.model.ClusterFixtures.id;
import static io.gitmesh.model.ClusterFixtures.svc;
import static io.gitmesh.model.PolicyFixtures.meta;
import static org.assertj.core.api.Assertions.assertThat;

import io.gitmesh.model.Endpoint;
import io.gitmesh.model.TargetPort;
import io.gitmesh.schema.kube.EndpointAddress;
import io.gitmesh.schema.kube.EndpointGroup;
import io.gitmesh.schema.kube.EndpointPort;
import io.gitmesh.schema.kube.KubeEndpointSlice;
import io.gitmesh.schema.kube.KubeEndpoints;
import io.gitmesh.schema.kube.KubeNamespace;
import io.gitmesh.schema.kube.KubeObject;
import io.gitmesh.schema.kube.KubeService;
import io.gitmesh.schema.kube.KubeServiceAccount;
import io.gitmesh.schema.kube.KubeWorkload;
import io.gitmesh.schema.policy.Meta;
import io.gitmesh.schema.policy.Origin;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KubeObjectMapperTest {
    private static final List<KubeObject> OBJECTS = List.of(
            new KubeNamespace(new Meta("shop", "", Map.of("mesh", "on"), Map.of(), Origin.synthetic("a.yaml", "v1"))),
            new KubeServiceAccount(meta("shop", "web")),
            new KubeService(meta("shop", "web"), Map.of("app", "web"),
                    List.of(new io.gitmesh.schema.kube.ServicePort("http", 80, "web", null, "http"),
                            new io.gitmesh.schema.kube.ServicePort("dns", 53, null, "UDP", null)),
                    "10.96.0.10", null),
            new KubeService(meta("shop", "db"), Map.of(),
                    List.of(new io.gitmesh.schema.kube.ServicePort("", 5432, null, null, null)), null, null),
            new KubeWorkload(meta("shop", "web"), "Deployment", Map.of("app", "web"), "web", 3,
                    List.of(new io.gitmesh.schema.kube.ContainerPort("web", 8080, null)), List.of()),
            new KubeEndpointSlice(meta("shop", "db-abc12"), "db", new EndpointGroup(
                    List.of(new EndpointPort("", 5432, null, null)),
                    List.of(new EndpointAddress("10.1.0.5", true, null)))),
            new KubeEndpointSlice(meta("shop", "orphan"), null, new EndpointGroup(List.of(), List.of())),
            new KubeEndpoints(meta("shop", "legacy"), List.of(
                    new EndpointGroup(List.of(new EndpointPort("", 80, null, null)),
                            List.of(new EndpointAddress("10.2.0.1", false, "legacy-0"))))));

    @Test
    void keepsWhatTheMeshNeedsAndLeavesOriginsBehind() {
        ClusterState state = ClusterState.of(OBJECTS);

        assertThat(state.known()).isTrue();
        assertThat(state.namespaces()).containsExactly(new Namespace("shop", Map.of("mesh", "on")));
        assertThat(state.serviceAccounts()).containsExactly(id("shop", "web"));
        assertThat(state.service(svc("shop", "web"))).contains(new Service(svc("shop", "web"), Map.of("app", "web"),
                List.of(new ServicePort("http", 80, new TargetPort.Named("web"), Transport.TCP, "http"),
                        new ServicePort("dns", 53, new TargetPort.Numbered(53), Transport.UDP, "")),
                "10.96.0.10"));
        assertThat(state.service(svc("shop", "db")).orElseThrow().clusterIp()).isEmpty();
        assertThat(state.workloads()).containsExactly(new Workload(new WorkloadRef("shop", "Deployment", "web"),
                Map.of("app", "web"), "web", 3, List.of(new ContainerPort("web", 8080, Transport.TCP)), List.of()));
        assertThat(state.endpointSlices()).containsExactly(
                new EndpointSlice(svc("shop", "db"), List.of(new EndpointSlice.Port("", 5432, Transport.TCP)),
                        List.of(new EndpointSlice.Address("10.1.0.5", true, ""))),
                new EndpointSlice(svc("shop", "legacy"), List.of(new EndpointSlice.Port("", 80, Transport.TCP)),
                        List.of(new EndpointSlice.Address("10.2.0.1", false, "legacy-0"))));
        assertThat(state.backends(svc("shop", "db")).endpoints(
                new ServicePort("", 5432, new TargetPort.Numbered(5432), Transport.TCP, "")))
                .containsExactly(new Endpoint("10.1.0.5", 5432, true));
    }

    @Test
    void theOrderOfTheObjectsDoesNotMatter() {
        List<KubeObject> reversed = new ArrayList<>(OBJECTS);
        Collections.reverse(reversed);

        assertThat(ClusterState.of(reversed)).isEqualTo(ClusterState.of(OBJECTS));
    }

    @Test
    void objectsAreAlikeWhenTheySayTheSameWhereverTheyWereWritten() {
        KubeService web = (KubeService) OBJECTS.get(2);
        KubeService moved = new KubeService(new Meta("web", "shop", Map.of(), Map.of(),
                Origin.synthetic("elsewhere.yaml", "v1")), web.selector(), web.ports(), web.clusterIP(), web.type());
        KubeService otherSelector = new KubeService(moved.meta(), Map.of("app", "web-v2"), web.ports(),
                web.clusterIP(), web.type());
        KubeServiceAccount sameName = new KubeServiceAccount(meta("shop", "web"));

        assertThat(ClusterState.alike(web, web)).isTrue();
        assertThat(ClusterState.alike(web, moved)).isTrue();
        assertThat(ClusterState.alike(web, otherSelector)).isFalse();
        assertThat(ClusterState.alike(web, sameName)).isFalse();
    }
}
