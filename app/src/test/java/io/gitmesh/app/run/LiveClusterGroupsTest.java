package io.gitmesh.app.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.envoyproxy.controlplane.cache.Resources.ResourceType;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.gitmesh.app.cli.TestCompilers;
import io.gitmesh.reconciler.files.DirectoryGitSource;
import io.gitmesh.reconciler.files.DirectorySource;
import io.gitmesh.reconciler.source.PolicyPaths;
import io.gitmesh.schema.Limits;
import io.gitmesh.xds.ProxyConfig;
import io.gitmesh.xds.SnapshotGroup;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live cluster changes republish only the snapshot groups they affect (issue 7): in SMI mode, shop/web
 * may call echo and shop/batch may not, so a new echo endpoint changes web's endpoints and leaves
 * every version of batch's groups as it was; a pod of an unenrolled namespace changes nothing at all.
 */
@EnableKubernetesMockClient(crud = true)
class LiveClusterGroupsTest {
    private static final String POLICY = """
            apiVersion: specs.smi-spec.io/v1alpha4
            kind: HTTPRouteGroup
            metadata: {name: all, namespace: shop}
            spec:
              matches:
              - {name: everything, pathRegex: ".*"}
            ---
            apiVersion: access.smi-spec.io/v1alpha3
            kind: TrafficTarget
            metadata: {name: web-to-echo, namespace: shop}
            spec:
              destination: {kind: ServiceAccount, name: echo, namespace: shop}
              sources: [{kind: ServiceAccount, name: web, namespace: shop}]
              rules: [{kind: HTTPRouteGroup, name: all}]
            """;
    private static final String CLUSTER = """
            apiVersion: v1
            kind: Namespace
            metadata: {name: shop, labels: {gitmesh.io/inject: enabled}}
            ---
            apiVersion: v1
            kind: Namespace
            metadata: {name: other}
            ---
            apiVersion: v1
            kind: ServiceAccount
            metadata: {name: web, namespace: shop}
            ---
            apiVersion: v1
            kind: ServiceAccount
            metadata: {name: batch, namespace: shop}
            ---
            apiVersion: v1
            kind: ServiceAccount
            metadata: {name: echo, namespace: shop}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: echo, namespace: shop}
            spec:
              selector: {app: echo}
              ports: [{name: grpc, port: 50051, targetPort: 50051, appProtocol: grpc}]
            """;
    private static final String ENDPOINT = """
            apiVersion: v1
            kind: Pod
            metadata: {name: echo-%1$d, namespace: %2$s, labels: {app: echo}}
            spec:
              serviceAccountName: echo
              containers: [{name: echo, image: echo, ports: [{containerPort: 50051}]}]
            status: {podIP: 10.0.0.%1$d, podIPs: [{ip: 10.0.0.%1$d}]}
            ---
            apiVersion: discovery.k8s.io/v1
            kind: EndpointSlice
            metadata:
              name: echo-%1$d
              namespace: %2$s
              labels: {kubernetes.io/service-name: echo}
            addressType: IPv4
            ports: [{name: grpc, port: 50051}]
            endpoints: [{addresses: [10.0.0.%1$d], conditions: {ready: true}}]
            """;

    KubernetesClient client;
    @TempDir
    Path repo;
    private ControlPlane plane;

    @BeforeEach
    void start() throws IOException {
        Files.writeString(repo.resolve("policy.yaml"), POLICY);
        MockCluster.apply(client, CLUSTER + "---\n" + ENDPOINT.formatted(1, "shop"));
        plane = ControlPlane.start(new ControlPlane.Settings(new InetSocketAddress("127.0.0.1", 0),
                        new InetSocketAddress("127.0.0.1", 0), Duration.ofHours(1), XdsSecurity.insecure(),
                        Optional.empty()),
                new DirectoryGitSource(repo, new DirectorySource(Limits.DEFAULT), Clock.systemUTC()),
                PolicyPaths.WHOLE_TREE, new ClusterSource.Kubernetes(client,
                        KubernetesRuntime.Settings.defaults("gitmesh-system", "replica-0")),
                TestCompilers.continuous());
    }

    @AfterEach
    void stop() {
        plane.close();
        client.close(); // its watches end before the mock server stops
    }

    @Test
    void aNewEndpointChangesTheGroupsThatReachItAndNoOther() {
        Map<SnapshotGroup, Map<ResourceType, String>> before = versions();
        assertThat(before.keySet()).extracting(SnapshotGroup::serviceAccount).contains("web", "batch");

        MockCluster.apply(client, ENDPOINT.formatted(2, "shop"));
        await().atMost(Duration.ofSeconds(20)).until(() -> !versions().equals(before));
        Map<SnapshotGroup, Map<ResourceType, String>> after = versions();

        assertThat(after.keySet()).isEqualTo(before.keySet());
        after.forEach((group, versions) -> {
            switch (group.serviceAccount()) {
                case "web" -> assertThat(versions.get(ResourceType.ENDPOINT)).as(group.id())
                        .isNotEqualTo(before.get(group).get(ResourceType.ENDPOINT));
                case "batch" -> assertThat(versions).as(group.id()).isEqualTo(before.get(group));
                default -> { }
            }
        });
    }

    @Test
    void aPodInANamespaceOutsideTheMeshChangesNothing() {
        Map<SnapshotGroup, Map<ResourceType, String>> before = versions();

        MockCluster.apply(client, ENDPOINT.formatted(3, "other"));
        MockCluster.apply(client, ENDPOINT.formatted(4, "shop"));

        await().atMost(Duration.ofSeconds(20)).until(() -> !versions().equals(before));
        assertThat(plane.served().values().stream().flatMap(config -> config.endpoints().stream())
                .map(Object::toString)).noneMatch(text -> text.contains("10.0.0.3"));
    }

    private Map<SnapshotGroup, Map<ResourceType, String>> versions() {
        Map<SnapshotGroup, Map<ResourceType, String>> versions = new TreeMap<>();
        for (Map.Entry<SnapshotGroup, ProxyConfig> served : plane.served().entrySet()) {
            Map<ResourceType, String> byType = new TreeMap<>();
            Arrays.stream(ResourceType.values()).forEach(type -> byType.put(type, served.getValue().version(type)));
            versions.put(served.getKey(), byType);
        }
        return versions;
    }
}
