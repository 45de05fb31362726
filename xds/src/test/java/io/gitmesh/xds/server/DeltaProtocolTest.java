package io.gitmesh.xds.server;

import static io.envoyproxy.controlplane.cache.Resources.V3.CLUSTER_TYPE_URL;
import static io.envoyproxy.controlplane.cache.Resources.V3.ENDPOINT_TYPE_URL;
import static io.gitmesh.xds.testing.GrpcResources.edsCluster;
import static io.gitmesh.xds.testing.GrpcResources.endpoints;
import static org.assertj.core.api.Assertions.assertThat;

import io.envoyproxy.controlplane.cache.Resources.ResourceType;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryResponse;
import io.envoyproxy.envoy.service.discovery.v3.Resource;
import io.gitmesh.xds.ContentHash;
import io.gitmesh.xds.Flavour;
import io.gitmesh.xds.ProxyConfig;
import io.gitmesh.xds.SnapshotGroup;
import io.gitmesh.xds.testing.DeltaStream;
import io.gitmesh.xds.testing.Nodes;
import io.gitmesh.xds.testing.XdsServerFixture;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Delta ADS through a hand-driven stream (grpc-java's client does not speak delta). */
class DeltaProtocolTest {
    private static final SnapshotGroup BOOKSTORE = SnapshotGroup.of("bookstore", "bookstore", Flavour.ENVOY);

    @Test
    void sendsOnlyChangedResourcesAndAnnouncesRemovals() {
        Cluster c2 = edsCluster("c2");
        Cluster c2Changed = c2.toBuilder().setLbPolicy(Cluster.LbPolicy.RANDOM).build();
        try (XdsServerFixture xds = XdsServerFixture.start();
                DeltaStream envoy = DeltaStream.open(xds.channel(), Nodes.of("bookstore/pod-1", BOOKSTORE))) {
            xds.publish(Map.of(BOOKSTORE, clusters(edsCluster("c1"), c2, edsCluster("c4"))));
            envoy.subscribe(CLUSTER_TYPE_URL, List.of());

            DeltaDiscoveryResponse first = envoy.next();
            envoy.ack(first);
            assertThat(versionsByName(first)).containsOnlyKeys("c1", "c2", "c4")
                    .containsEntry("c2", ContentHash.of(c2));

            xds.publish(Map.of(BOOKSTORE, clusters(c2Changed, edsCluster("c3"), edsCluster("c4"))));
            List<DeltaDiscoveryResponse> updates = new ArrayList<>();
            while (updates.stream().noneMatch(update -> update.getRemovedResourcesList().contains("c1"))) {
                DeltaDiscoveryResponse update = envoy.next();
                updates.add(update);
                envoy.ack(update);
            }

            assertThat(updates).flatExtracting(DeltaDiscoveryResponse::getResourcesList).extracting(Resource::getName)
                    .containsExactlyInAnyOrder("c2", "c3");
            assertThat(updates).flatExtracting(DeltaDiscoveryResponse::getRemovedResourcesList).containsExactly("c1");
            assertThat(updates).flatExtracting(DeltaDiscoveryResponse::getResourcesList)
                    .filteredOn(resource -> resource.getName().equals("c2")).singleElement()
                    .extracting(Resource::getVersion).isEqualTo(ContentHash.of(c2Changed));
        }
    }

    @Test
    void aRejectedResourceIsRecordedAndNotSentAgain() {
        try (XdsServerFixture xds = XdsServerFixture.start();
                DeltaStream envoy = DeltaStream.open(xds.channel(), Nodes.of("bookstore/pod-1", BOOKSTORE))) {
            xds.publish(Map.of(BOOKSTORE, clusters(edsCluster("c1"))));
            envoy.subscribe(ENDPOINT_TYPE_URL, List.of("c1"));
            DeltaDiscoveryResponse endpoints = envoy.next();

            envoy.nack(endpoints, "no healthy endpoint");
            envoy.subscribe(CLUSTER_TYPE_URL, List.of());

            assertThat(envoy.next().getTypeUrl()).as("the next response is the clusters, not the endpoints again")
                    .isEqualTo(CLUSTER_TYPE_URL);
            assertThat(xds.server().proxies().getFirst().lastNack(ResourceType.ENDPOINT)).hasValueSatisfying(nack ->
                    assertThat(nack.message()).isEqualTo("no healthy endpoint"));
        }
    }

    private static ProxyConfig clusters(Cluster... clusters) {
        return ProxyConfig.builder()
                .clusters(List.of(clusters))
                .endpoints(Arrays.stream(clusters).map(c -> endpoints(c.getName(), List.of(8080))).toList())
                .build();
    }

    private static Map<String, String> versionsByName(DeltaDiscoveryResponse response) {
        Map<String, String> versions = new TreeMap<>();
        response.getResourcesList().forEach(resource -> versions.put(resource.getName(), resource.getVersion()));
        return versions;
    }
}
