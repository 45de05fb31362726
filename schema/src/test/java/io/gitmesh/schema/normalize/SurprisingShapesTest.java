package io.gitmesh.schema.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.gitmesh.schema.DocumentType;
import io.gitmesh.schema.yaml.PositionIndex;
import io.gitmesh.schema.yaml.SourceDocument;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Whatever shape a document has, reading it never throws: every node of a valid document of each
 * kind and version is in turn removed or replaced by a value of every other type, and each result
 * must be a record without errors or errors without a record, each reported once.
 */
class SurprisingShapesTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    static Stream<Arguments> documents() {
        return Stream.of(
                Arguments.of("TrafficTarget v1alpha1", """
                        apiVersion: access.smi-spec.io/v1alpha1
                        kind: TrafficTarget
                        metadata: {name: t, namespace: shop, labels: {a: b}}
                        destination: {kind: ServiceAccount, name: server, namespace: shop, port: 8080}
                        specs: [{kind: HTTPRouteGroup, name: r, matches: [m]}]
                        sources: [{kind: ServiceAccount, name: client}]
                        """),
                Arguments.of("TrafficTarget v1alpha2", """
                        apiVersion: access.smi-spec.io/v1alpha2
                        kind: TrafficTarget
                        metadata: {name: t}
                        spec:
                          destination: {kind: ServiceAccount, name: server, port: 8080}
                          rules: [{kind: TCPRoute, name: r}]
                          sources: [{kind: ServiceAccount, name: client, namespace: other}]
                        """),
                Arguments.of("TrafficTarget v1alpha3", """
                        apiVersion: access.smi-spec.io/v1alpha3
                        kind: TrafficTarget
                        metadata: {name: t}
                        spec:
                          destination: {kind: ServiceAccount, name: server}
                          rules: [{kind: UDPRoute, name: r}]
                          sources: [{kind: ServiceAccount, name: client}]
                        """),
                Arguments.of("HTTPRouteGroup v1alpha2", """
                        apiVersion: specs.smi-spec.io/v1alpha2
                        kind: HTTPRouteGroup
                        metadata: {name: r}
                        matches:
                        - {name: m, pathRegex: /x, methods: [GET], headers: {user-agent: ".*"}}
                        """),
                Arguments.of("HTTPRouteGroup v1alpha4", """
                        apiVersion: specs.smi-spec.io/v1alpha4
                        kind: HTTPRouteGroup
                        metadata: {name: r}
                        spec:
                          matches:
                          - {name: m, pathRegex: /x, methods: [GET], headers: [{user-agent: ".*"}]}
                        """),
                Arguments.of("TCPRoute v1alpha4", """
                        apiVersion: specs.smi-spec.io/v1alpha4
                        kind: TCPRoute
                        metadata: {name: r}
                        spec: {matches: {ports: [3306]}}
                        """),
                Arguments.of("UDPRoute v1alpha4", """
                        apiVersion: specs.smi-spec.io/v1alpha4
                        kind: UDPRoute
                        metadata: {name: r}
                        spec: {matches: {ports: [53]}}
                        """),
                Arguments.of("TrafficSplit v1alpha1", """
                        apiVersion: split.smi-spec.io/v1alpha1
                        kind: TrafficSplit
                        metadata: {name: s}
                        spec: {service: web, backends: [{service: web-v1, weight: 500m}]}
                        """),
                Arguments.of("TrafficSplit v1alpha4", """
                        apiVersion: split.smi-spec.io/v1alpha4
                        kind: TrafficSplit
                        metadata: {name: s}
                        spec:
                          service: web.default.svc
                          backends: [{service: web-v1, weight: 50}]
                          matches: [{kind: HTTPRouteGroup, name: r}]
                        """),
                Arguments.of("MeshConfig gitmesh.io", """
                        apiVersion: gitmesh.io/v1alpha1
                        kind: MeshConfig
                        metadata: {name: mesh}
                        spec:
                          trustDomain: cluster.local
                          traffic: {permissive: true}
                          certificates: {workloadLifetime: 1h}
                          sidecar: {mode: native}
                        """),
                Arguments.of("MeshConfig OSM", """
                        apiVersion: config.openservicemesh.io/v1alpha2
                        kind: MeshConfig
                        metadata: {name: osm}
                        spec:
                          traffic: {enablePermissiveTrafficPolicyMode: true, enableEgress: false}
                          certificate: {serviceCertValidityDuration: 24h}
                        """),
                Arguments.of("Service", """
                        apiVersion: v1
                        kind: Service
                        metadata: {name: s}
                        spec:
                          selector: {app: s}
                          ports: [{name: web, port: 80, targetPort: 8080, protocol: TCP, appProtocol: http}]
                          clusterIP: 10.0.0.1
                          type: ClusterIP
                        """),
                Arguments.of("Deployment", """
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata: {name: d}
                        spec:
                          replicas: 2
                          template:
                            metadata: {labels: {app: d}}
                            spec:
                              serviceAccountName: d
                              containers: [{name: c, ports: [{name: web, containerPort: 80, protocol: TCP}]}]
                        """),
                Arguments.of("Pod", """
                        apiVersion: v1
                        kind: Pod
                        metadata: {name: p, labels: {app: p}}
                        spec: {serviceAccount: p, containers: [{name: c, ports: [{containerPort: 80}]}]}
                        status: {podIP: 10.0.0.1, podIPs: [{ip: 10.0.0.1}]}
                        """),
                Arguments.of("EndpointSlice", """
                        apiVersion: discovery.k8s.io/v1
                        kind: EndpointSlice
                        metadata: {name: e, labels: {kubernetes.io/service-name: s}}
                        ports: [{name: web, port: 80, protocol: TCP, appProtocol: http}]
                        endpoints:
                        - {addresses: [10.0.0.1], conditions: {ready: true}, targetRef: {kind: Pod, name: p}}
                        """),
                Arguments.of("Endpoints", """
                        apiVersion: v1
                        kind: Endpoints
                        metadata: {name: e}
                        subsets:
                        - addresses: [{ip: 10.0.0.1, targetRef: {kind: Pod, name: p}}]
                          notReadyAddresses: [{ip: 10.0.0.2}]
                          ports: [{name: web, port: 80}]
                        """),
                Arguments.of("Namespace", """
                        apiVersion: v1
                        kind: Namespace
                        metadata: {name: n, labels: {a: b}, annotations: {c: d}}
                        """));
    }

    private static final List<JsonNode> SHAPES = List.of(NODES.nullNode(), NODES.stringNode("x"),
            NODES.stringNode(""), NODES.numberNode(7), NODES.numberNode(-1), NODES.numberNode(1.5),
            NODES.numberNode(Double.POSITIVE_INFINITY), NODES.numberNode(BigInteger.TEN.pow(30)),
            NODES.booleanNode(true), NODES.arrayNode(), NODES.objectNode(),
            NODES.arrayNode().add(NODES.objectNode()).add(NODES.stringNode("x")),
            NODES.objectNode().set("a", NODES.objectNode().put("b", 1)));

    @ParameterizedTest(name = "{0}")
    @MethodSource("documents")
    void neverThrowsAndNeverGivesARecordWithAnError(String name, String yaml) {
        SourceDocument original = Documents.parse(yaml);
        DocumentType type = Documents.typeOf(original);
        assertThat(read(original, type).value()).as("the unchanged document reads").isPresent();
        int variants = 0;
        for (String pointer : pointers(original.root(), "")) {
            if (pointer.equals("/apiVersion") || pointer.equals("/kind")) {
                continue; // these decide the type, which the caller has already found
            }
            List<JsonNode> replacements = new ArrayList<>(SHAPES);
            replacements.add(null); // remove the field
            for (JsonNode replacement : replacements) {
                JsonNode root = replaced(original.root(), pointer, replacement);
                SourceDocument variant = new SourceDocument(original.file(), 0, original.start(), root,
                        original.positions());
                assertThatCode(() -> {
                    Normalized<?> n = read(variant, type);
                    boolean hasError = n.diagnostics().stream().anyMatch(d -> d.isError());
                    assertThat(n.value().isPresent()).as("a record exactly when there is no error")
                            .isNotEqualTo(hasError);
                    assertThat(n.diagnostics()).as("each problem reported once").doesNotHaveDuplicates();
                }).as("%s replaced by %s", pointer, replacement).doesNotThrowAnyException();
                variants++;
            }
        }
        assertThat(variants).isGreaterThan(SHAPES.size() * 3);
    }

    private static Normalized<?> read(SourceDocument doc, DocumentType type) {
        return type.isPolicy() ? new Normalizer().normalize(doc, type) : new KubeReader().read(doc, type);
    }

    /** The pointer of every node below the root. */
    private static List<String> pointers(JsonNode node, String at) {
        List<String> pointers = new ArrayList<>();
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                String child = PositionIndex.child(at, e.getKey());
                pointers.add(child);
                pointers.addAll(pointers(e.getValue(), child));
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String child = at + "/" + i;
                pointers.add(child);
                pointers.addAll(pointers(node.get(i), child));
            }
        }
        return pointers;
    }

    /** A copy of the tree with the node at {@code pointer} replaced (or removed when the replacement is null). */
    private static JsonNode replaced(JsonNode root, String pointer, JsonNode replacement) {
        JsonNode copy = root.deepCopy();
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = copy.at(pointer.substring(0, slash));
        String token = pointer.substring(slash + 1).replace("~1", "/").replace("~0", "~");
        if (parent instanceof ObjectNode object) {
            if (replacement == null) {
                object.remove(token);
            } else {
                object.set(token, replacement);
            }
        } else if (parent instanceof ArrayNode array) {
            int index = Integer.parseInt(token);
            if (replacement == null) {
                array.remove(index);
            } else {
                array.set(index, replacement);
            }
        }
        return copy;
    }
}
