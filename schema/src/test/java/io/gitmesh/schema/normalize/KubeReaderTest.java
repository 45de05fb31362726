package io.gitmesh.schema.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitmesh.schema.Diagnostic;
import io.gitmesh.schema.Severity;
import io.gitmesh.schema.kube.ContainerPort;
import io.gitmesh.schema.kube.EndpointAddress;
import io.gitmesh.schema.kube.EndpointGroup;
import io.gitmesh.schema.kube.EndpointPort;
import io.gitmesh.schema.kube.KubeEndpointSlice;
import io.gitmesh.schema.kube.KubeEndpoints;
import io.gitmesh.schema.kube.KubeObject;
import io.gitmesh.schema.kube.KubeService;
import io.gitmesh.schema.kube.KubeWorkload;
import io.gitmesh.schema.kube.ServicePort;
import io.gitmesh.schema.policy.Meta;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class KubeReaderTest {

    @Test
    void readsAService() {
        KubeService service = Documents.kube("""
                apiVersion: v1
                kind: Service
                metadata: {name: app-a, namespace: shop}
                spec:
                  type: NodePort
                  clusterIP: None
                  selector: {app: app-a}
                  ports:
                  - name: http
                    protocol: TCP
                    port: 9091
                  - name: grpc
                    port: 8080
                    targetPort: 8081
                    appProtocol: grpc
                  - name: named
                    port: 80
                    targetPort: web
                    protocol: UDP
                """, KubeService.class);
        assertThat(service).isEqualTo(new KubeService(service.meta(), Map.of("app", "app-a"), List.of(
                new ServicePort("http", 9091, "9091", "TCP", null),
                new ServicePort("grpc", 8080, "8081", "TCP", "grpc"),
                new ServicePort("named", 80, "web", "UDP", null)), "None", "NodePort"));
        assertThat(service.key().toString()).isEqualTo("Service/shop/app-a");
    }

    static Stream<Arguments> workloads() {
        return Stream.of(
                Arguments.of("a Deployment: template labels, replicas, ports of every container", """
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata: {name: web, namespace: shop, labels: {team: a}}
                        spec:
                          replicas: 3
                          template:
                            metadata:
                              labels: {app: web, version: v2}
                            spec:
                              serviceAccountName: web
                              containers:
                              - name: app
                                ports:
                                - containerPort: 8080
                                  name: http
                              - name: metrics
                                ports:
                                - {containerPort: 9090, protocol: TCP}
                                - {containerPort: 5353, protocol: UDP, name: dns}
                        """, new Pods("Deployment", Map.of("app", "web", "version", "v2"), "web", 3,
                        List.of(new ContainerPort("http", 8080, "TCP"), new ContainerPort("", 9090, "TCP"),
                                new ContainerPort("dns", 5353, "UDP")), List.of())),
                Arguments.of("a StatefulSet with the deprecated serviceAccount and no replicas", """
                        apiVersion: apps/v1
                        kind: StatefulSet
                        metadata: {name: db}
                        spec:
                          template:
                            metadata: {labels: {app: db}}
                            spec:
                              serviceAccount: db-legacy
                              containers: [{name: db}]
                        """, new Pods("StatefulSet", Map.of("app", "db"), "db-legacy", 1, List.of(),
                        List.of())),
                Arguments.of("a DaemonSet counts one replica", """
                        apiVersion: apps/v1
                        kind: DaemonSet
                        metadata: {name: agent, namespace: ops}
                        spec:
                          template:
                            metadata: {labels: {app: agent}}
                            spec:
                              containers: [{name: agent, ports: [{containerPort: 9100}]}]
                        """, new Pods("DaemonSet", Map.of("app", "agent"), "default", 1,
                        List.of(new ContainerPort("", 9100, "TCP")), List.of())),
                Arguments.of("a Deployment scaled to zero", """
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata: {name: idle}
                        spec: {replicas: 0}
                        """, new Pods("Deployment", Map.of(), "default", 0, List.of(), List.of())),
                Arguments.of("a kuttl assert with only a status reads with defaults", """
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata:
                          name: app-a-deployment
                          namespace: conformance
                        status:
                          readyReplicas: 1
                        """, new Pods("Deployment", Map.of(), "default", 1, List.of(), List.of())),
                Arguments.of("a Pod: its own labels, spec and status IPs", """
                        apiVersion: v1
                        kind: Pod
                        metadata: {name: web-1, labels: {app: web}}
                        spec:
                          serviceAccountName: web
                          containers: [{name: app, ports: [{containerPort: 8080}]}]
                        status:
                          podIP: 10.0.0.7
                          podIPs: [{ip: 10.0.0.7}, {ip: "fd00::7"}]
                        """, new Pods("Pod", Map.of("app", "web"), "web", 1,
                        List.of(new ContainerPort("", 8080, "TCP")), List.of("10.0.0.7", "fd00::7"))),
                Arguments.of("a Pod with only status.podIP", """
                        apiVersion: v1
                        kind: Pod
                        metadata: {name: web-2}
                        spec: {containers: [{name: app}]}
                        status: {podIP: 10.0.0.8}
                        """, new Pods("Pod", Map.of(), "default", 1, List.of(), List.of("10.0.0.8"))));
    }

    /** What a workload record should say, apart from its metadata. */
    record Pods(String kind, Map<String, String> labels, String serviceAccount, int replicas,
            List<ContainerPort> ports, List<String> podIPs) {
        KubeWorkload with(Meta meta) {
            return new KubeWorkload(meta, kind, labels, serviceAccount, replicas, ports, podIPs);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("workloads")
    void readsWorkloads(String name, String yaml, Pods expected) {
        KubeWorkload workload = Documents.kube(yaml, KubeWorkload.class);
        assertThat(workload).isEqualTo(expected.with(workload.meta()));
    }

    @Test
    void readsAnEndpointSlice() {
        Normalized<KubeObject> n = Documents.readKube("""
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata:
                  name: bookstore-abc12
                  namespace: bookstore
                  labels: {kubernetes.io/service-name: bookstore}
                addressType: IPv4
                ports:
                - {name: web, port: 14001, protocol: TCP, appProtocol: http}
                - {name: all-ports}
                endpoints:
                - addresses: [10.0.0.1]
                  conditions: {ready: true}
                  targetRef: {kind: Pod, name: bookstore-1, namespace: bookstore}
                - addresses: [10.0.0.2, 10.0.0.3]
                  conditions: {ready: false}
                  targetRef: {kind: Pod, name: bookstore-2}
                - addresses: [10.0.0.4]
                  targetRef: {kind: Node, name: node-1}
                """);
        assertThat(n.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.severity()).isEqualTo(Severity.WARNING);
            assertThat(d.line()).isEqualTo(10);
            assertThat(d.message()).contains("ports[1] has no port number");
        });
        KubeEndpointSlice slice = (KubeEndpointSlice) n.value().orElseThrow();
        assertThat(slice.serviceName()).isEqualTo("bookstore");
        assertThat(slice.group()).isEqualTo(new EndpointGroup(
                List.of(new EndpointPort("web", 14001, "TCP", "http")),
                List.of(new EndpointAddress("10.0.0.1", true, "bookstore-1"),
                        new EndpointAddress("10.0.0.2", false, "bookstore-2"),
                        new EndpointAddress("10.0.0.3", false, "bookstore-2"),
                        new EndpointAddress("10.0.0.4", true, null))));
    }

    @Test
    void anEndpointSliceWithoutTheServiceLabelNamesNoService() {
        KubeEndpointSlice slice = Documents.kube("""
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata: {name: manual}
                addressType: IPv4
                endpoints: []
                """, KubeEndpointSlice.class);
        assertThat(slice.serviceName()).isNull();
        assertThat(slice.group()).isEqualTo(new EndpointGroup(List.of(), List.of()));
    }

    @Test
    void readsEndpointsSubsetsWithReadyAndNotReadyAddresses() {
        KubeEndpoints endpoints = Documents.kube("""
                apiVersion: v1
                kind: Endpoints
                metadata: {name: mysql, namespace: bookwarehouse}
                subsets:
                - addresses:
                  - ip: 10.0.1.1
                    targetRef: {kind: Pod, name: mysql-0}
                  notReadyAddresses:
                  - ip: 10.0.1.2
                    targetRef: {kind: Pod, name: mysql-1}
                  ports:
                  - {name: client, port: 3306, protocol: TCP}
                - addresses: [{ip: 192.168.0.10}]
                  ports: [{port: 5432}]
                """, KubeEndpoints.class);
        assertThat(endpoints.subsets()).containsExactly(
                new EndpointGroup(List.of(new EndpointPort("client", 3306, "TCP", null)),
                        List.of(new EndpointAddress("10.0.1.1", true, "mysql-0"),
                                new EndpointAddress("10.0.1.2", false, "mysql-1"))),
                new EndpointGroup(List.of(new EndpointPort("", 5432, "TCP", null)),
                        List.of(new EndpointAddress("192.168.0.10", true, null))));
    }

    static Stream<Arguments> wrongTypes() {
        return Stream.of(
                Arguments.of("a Service port that is a word", """
                        apiVersion: v1
                        kind: Service
                        metadata: {name: s}
                        spec:
                          ports:
                          - port: abc
                        """, "/spec/ports/0/port", 6,
                        "spec.ports[0].port must be a port number from 1 to 65535, not the string \"abc\""),
                Arguments.of("a Service port without a number", """
                        apiVersion: v1
                        kind: Service
                        metadata: {name: s}
                        spec:
                          ports:
                          - name: web
                        """, "/spec/ports/0/port", 6, "missing required field spec.ports[0].port"),
                Arguments.of("a targetPort that is a list", """
                        apiVersion: v1
                        kind: Service
                        metadata: {name: s}
                        spec:
                          ports:
                          - port: 80
                            targetPort: [8080]
                        """, "/spec/ports/0/targetPort", 7, "spec.ports[0].targetPort must be a port number"),
                Arguments.of("a selector value that is a number", """
                        apiVersion: v1
                        kind: Service
                        metadata: {name: s}
                        spec:
                          selector: {version: 2}
                        """, "/spec/selector/version", 5, "spec.selector.version must be a string, not the number 2"),
                Arguments.of("replicas written as a word", """
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata: {name: d}
                        spec:
                          replicas: three
                        """, "/spec/replicas", 5, "spec.replicas must be a whole number, not the string \"three\""),
                Arguments.of("negative replicas", """
                        apiVersion: apps/v1
                        kind: StatefulSet
                        metadata: {name: d}
                        spec:
                          replicas: -1
                        """, "/spec/replicas", 5, "spec.replicas is -1; replicas must be 0 or more"),
                Arguments.of("a container port of zero", """
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata: {name: d}
                        spec:
                          template:
                            spec:
                              containers:
                              - name: app
                                ports:
                                - containerPort: 0
                        """, "/spec/template/spec/containers/0/ports/0/containerPort", 10,
                        "spec.template.spec.containers[0].ports[0].containerPort must be a port number from 1 to"
                                + " 65535, not the number 0"),
                Arguments.of("containers that are a mapping", """
                        apiVersion: v1
                        kind: Pod
                        metadata: {name: p}
                        spec:
                          containers: {name: app}
                        """, "/spec/containers", 5, "spec.containers must be a list, not a mapping"),
                Arguments.of("a pod IP that is a number", """
                        apiVersion: v1
                        kind: Pod
                        metadata: {name: p}
                        status:
                          podIP: 10
                        """, "/status/podIP", 5, "status.podIP must be a string, not the number 10"),
                Arguments.of("an endpoint condition that is a word", """
                        apiVersion: discovery.k8s.io/v1
                        kind: EndpointSlice
                        metadata: {name: e}
                        endpoints:
                        - addresses: [10.0.0.1]
                          conditions: {ready: "yes"}
                        """, "/endpoints/0/conditions/ready", 6,
                        "endpoints[0].conditions.ready must be true or false, not the string \"yes\""),
                Arguments.of("an Endpoints address without an IP", """
                        apiVersion: v1
                        kind: Endpoints
                        metadata: {name: e}
                        subsets:
                        - addresses:
                          - hostname: a
                        """, "/subsets/0/addresses/0/ip", 6, "missing required field subsets[0].addresses[0].ip"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongTypes")
    void dropsAnObjectWithANeededFieldOfTheWrongType(String name, String yaml, String pointer, int line,
            String message) {
        Diagnostic d = Documents.onlyError(Documents.readKube(yaml));
        assertThat(d.pointer()).isEqualTo(pointer);
        assertThat(d.line()).isEqualTo(line);
        assertThat(d.message()).contains(message);
        assertThat(d.resource()).contains("/default/");
    }

    @Test
    void ignoresFieldsGitmeshDoesNotNeed() {
        KubeService service = Documents.kube("""
                apiVersion: v1
                kind: Service
                metadata:
                  name: s
                  uid: 1234
                  creationTimestamp: null
                  ownerReferences: "not even a list"
                spec:
                  ports: [{port: 80}]
                  sessionAffinity: [weird]
                status: 42
                """, KubeService.class);
        assertThat(service.ports()).containsExactly(new ServicePort("", 80, "80", "TCP", null));
    }
}
