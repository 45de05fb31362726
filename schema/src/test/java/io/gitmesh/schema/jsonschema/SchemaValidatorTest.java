package io.gitmesh.schema.jsonschema;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.gitmesh.schema.Diagnostic;
import io.gitmesh.schema.DocumentType;
import io.gitmesh.schema.Limits;
import io.gitmesh.schema.Severity;
import io.gitmesh.schema.SourceFile;
import io.gitmesh.schema.yaml.SourceDocument;
import io.gitmesh.schema.yaml.YamlReader;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Per kind and version: a document with one mistake gives exactly one error, at the right line. */
class SchemaValidatorTest {
    private static final String THREE_MISTAKES = """
            apiVersion: split.smi-spec.io/v1alpha4
            kind: TrafficSplit
            metadata: {name: canary}
            spec:
              service: web
              backends:
              - service: web-v1
                weight: heavy
              - weight: 10
              comment: canary for v2
            """;

    @Test
    void reportsEveryProblemOfADocumentInSourceOrder() {
        assertThat(Documents.validate(THREE_MISTAKES)).extracting(Diagnostic::line, Diagnostic::pointer)
                .containsExactly(
                        tuple(8, "/spec/backends/0/weight"),
                        tuple(9, "/spec/backends/1"),
                        tuple(10, "/spec/comment"));
    }

    @Test
    void givesTheSameAnswerOnEveryThread() {
        List<Diagnostic> expected = Documents.validate(THREE_MISTAKES);

        List<List<Diagnostic>> answers = IntStream.range(0, 200).parallel()
                .mapToObj(i -> Documents.validate(THREE_MISTAKES))
                .toList();

        assertThat(answers).allMatch(expected::equals);
    }

    @Test
    void refusesADocumentTypeThatIsNotPolicy() {
        SourceDocument doc = new YamlReader(Limits.DEFAULT)
                .read(new SourceFile("svc.yaml", "apiVersion: v1\nkind: Service\nmetadata: {name: web}\n"
                        .getBytes(UTF_8)))
                .documents().getFirst();
        DocumentType service = DocumentType.of("v1", "Service").orElseThrow();

        assertThatThrownBy(() -> SchemaValidator.shared().validate(doc, service, "Service/default/web"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void reportsOneErrorAtTheRightPlace(String name, String yaml, int line, String pointer, String message) {
        List<Diagnostic> findings = Documents.validate(yaml);

        assertThat(findings).hasSize(1);
        Diagnostic d = findings.getFirst();
        assertThat(d.severity()).isEqualTo(Severity.ERROR);
        assertThat(d.file()).isEqualTo("policy.yaml");
        assertThat(d.line()).as("line").isEqualTo(line);
        assertThat(d.pointer()).as("pointer").isEqualTo(pointer);
        assertThat(d.message()).contains(message);
        assertThat(d.resource()).as("the resource it was given").endsWith("/test/0");
    }

    static Stream<Arguments> reportsOneErrorAtTheRightPlace() {
        return Stream.of(
                // metadata, the same for every kind
                arguments("metadata: missing", """
                        apiVersion: specs.smi-spec.io/v1alpha4
                        kind: TCPRoute
                        spec: {matches: {ports: []}}
                        """, 1, "", "missing required field \"metadata\" at the top level"),
                arguments("metadata: missing name", """
                        apiVersion: specs.smi-spec.io/v1alpha4
                        kind: TCPRoute
                        metadata:
                          namespace: default
                        spec: {matches: {ports: []}}
                        """, 3, "/metadata", "missing required field \"name\" in metadata"),
                arguments("metadata: unknown field", """
                        apiVersion: specs.smi-spec.io/v1alpha4
                        kind: TCPRoute
                        metadata:
                          name: db
                          namepsace: default
                        spec: {matches: {ports: []}}
                        """, 5, "/metadata/namepsace",
                        "unknown field \"namepsace\" in metadata (TCPRoute specs.smi-spec.io/v1alpha4 has no such"
                                + " field; a cluster would drop it)"),
                arguments("metadata: label value not a string", """
                        apiVersion: specs.smi-spec.io/v1alpha4
                        kind: TCPRoute
                        metadata:
                          name: db
                          labels:
                            app.kubernetes.io/version: 2
                        spec: {matches: {ports: []}}
                        """, 6, "/metadata/labels/app.kubernetes.io~1version",
                        "metadata.labels[\"app.kubernetes.io/version\"] must be a string, got number 2"),
                arguments("metadata: status is not policy", """
                        apiVersion: specs.smi-spec.io/v1alpha4
                        kind: TCPRoute
                        metadata: {name: db}
                        spec: {matches: {ports: []}}
                        status: {}
                        """, 5, "/status", "unknown field \"status\" at the top level"),

                // access.smi-spec.io TrafficTarget
                arguments("TrafficTarget v1alpha1: spec in a top-level layout", """
                        apiVersion: access.smi-spec.io/v1alpha1
                        kind: TrafficTarget
                        metadata: {name: tt}
                        destination: {kind: ServiceAccount, name: api, port: 8080}
                        spec: {}
                        """, 5, "/spec",
                        "unknown field \"spec\" at the top level (TrafficTarget access.smi-spec.io/v1alpha1 has no"
                                + " such field; a cluster would drop it); this version has no spec, its fields are at"
                                + " the top level: destination, specs, sources"),
                arguments("TrafficTarget v1alpha1: destination without port", """
                        apiVersion: access.smi-spec.io/v1alpha1
                        kind: TrafficTarget
                        metadata: {name: tt}
                        destination:
                          kind: ServiceAccount
                          name: api
                        """, 4, "/destination", "missing required field \"port\" in destination"),
                arguments("TrafficTarget v1alpha1: UDPRoute is not a v1alpha1 rule kind", """
                        apiVersion: access.smi-spec.io/v1alpha1
                        kind: TrafficTarget
                        metadata: {name: tt}
                        destination: {kind: ServiceAccount, name: api, port: 8080}
                        specs:
                        - kind: UDPRoute
                          name: dns
                        """, 6, "/specs/0/kind", "specs[0].kind \"UDPRoute\" is not one of HTTPRouteGroup, TCPRoute"),
                arguments("TrafficTarget v1alpha2: port as a string", """
                        apiVersion: access.smi-spec.io/v1alpha2
                        kind: TrafficTarget
                        metadata: {name: tt}
                        spec:
                          destination:
                            kind: ServiceAccount
                            name: api
                            port: "9091"
                        """, 8, "/spec/destination/port",
                        "spec.destination.port must be a number, got string \"9091\""),
                arguments("TrafficTarget v1alpha2: no destination", """
                        apiVersion: access.smi-spec.io/v1alpha2
                        kind: TrafficTarget
                        metadata: {name: tt}
                        spec:
                          sources: []
                        """, 4, "/spec", "missing required field \"destination\" in spec"),
                arguments("TrafficTarget v1alpha3: port is gone", """
                        apiVersion: access.smi-spec.io/v1alpha3
                        kind: TrafficTarget
                        metadata: {name: tt}
                        spec:
                          destination:
                            kind: ServiceAccount
                            name: api
                            port: 8080
                          rules: []
                          sources: []
                        """, 8, "/spec/destination/port",
                        "unknown field \"port\" in spec.destination (TrafficTarget access.smi-spec.io/v1alpha3 has no"
                                + " such field; a cluster would drop it)"),
                arguments("TrafficTarget v1alpha3: source without name", """
                        apiVersion: access.smi-spec.io/v1alpha3
                        kind: TrafficTarget
                        metadata: {name: tt}
                        spec:
                          destination: {kind: ServiceAccount, name: api}
                          rules: []
                          sources:
                          - kind: ServiceAccount
                            namespace: web
                        """, 8, "/spec/sources/0", "missing required field \"name\" in spec.sources[0]"),
                arguments("TrafficTarget v1alpha3: rules are required", """
                        apiVersion: access.smi-spec.io/v1alpha3
                        kind: TrafficTarget
                        metadata: {name: tt}
                        spec:
                          destination: {kind: ServiceAccount, name: api}
                          sources: []
                        """, 4, "/spec", "missing required field \"rules\" in spec"),

                // specs.smi-spec.io HTTPRouteGroup
                arguments("HTTPRouteGroup v1alpha1: unknown method", """
                        apiVersion: specs.smi-spec.io/v1alpha1
                        kind: HTTPRouteGroup
                        metadata: {name: routes}
                        matches:
                        - name: all
                          methods: [GET, POST, FETCH]
                        """, 6, "/matches/0/methods/2",
                        "matches[0].methods[2] \"FETCH\" is not one of *, GET, HEAD, PUT, POST, DELETE, CONNECT,"
                                + " OPTIONS, TRACE, PATCH"),
                arguments("HTTPRouteGroup v1alpha1: headers as text", """
                        apiVersion: specs.smi-spec.io/v1alpha1
                        kind: HTTPRouteGroup
                        metadata: {name: routes}
                        matches:
                        - name: android
                          headers: "user-agent: Android"
                        """, 6, "/matches/0/headers",
                        "matches[0].headers must be either " + SchemaGenerator.HEADER_LIST_FORM + ", or "
                                + SchemaGenerator.HEADER_MAP_FORM + "; got string \"user-agent: Android\""),
                arguments("HTTPRouteGroup v1alpha2: matches are required", """
                        apiVersion: specs.smi-spec.io/v1alpha2
                        kind: HTTPRouteGroup
                        metadata: {name: routes}
                        """, 1, "", "missing required field \"matches\" at the top level"),
                arguments("HTTPRouteGroup v1alpha3: match without name", """
                        apiVersion: specs.smi-spec.io/v1alpha3
                        kind: HTTPRouteGroup
                        metadata: {name: routes}
                        spec:
                          matches:
                          - pathRegex: /metrics
                        """, 6, "/spec/matches/0", "missing required field \"name\" in spec.matches[0]"),
                arguments("HTTPRouteGroup v1alpha4: matches at the top level", """
                        apiVersion: specs.smi-spec.io/v1alpha4
                        kind: HTTPRouteGroup
                        metadata: {name: routes}
                        matches:
                        - name: metrics
                        """, 4, "/matches",
                        "unknown field \"matches\" at the top level (HTTPRouteGroup specs.smi-spec.io/v1alpha4 has no"
                                + " such field; a cluster would drop it); in this version it belongs in spec.matches"),
                arguments("HTTPRouteGroup v1alpha4: a header value that is not text", """
                        apiVersion: specs.smi-spec.io/v1alpha4
                        kind: HTTPRouteGroup
                        metadata: {name: routes}
                        spec:
                          matches:
                          - name: debug
                            headers:
                            - x-debug: "1"
                            - x-retries: 3
                        """, 9, "/spec/matches/0/headers/1/x-retries",
                        "spec.matches[0].headers must be either " + SchemaGenerator.HEADER_LIST_FORM + ", or "
                                + SchemaGenerator.HEADER_MAP_FORM + "; got a list;"
                                + " spec.matches[0].headers[1].x-retries must be a string, got number 3"),
                arguments("HTTPRouteGroup v1alpha4: pathRegex not text", """
                        apiVersion: specs.smi-spec.io/v1alpha4
                        kind: HTTPRouteGroup
                        metadata: {name: routes}
                        spec:
                          matches:
                          - name: root
                            pathRegex: 5
                        """, 7, "/spec/matches/0/pathRegex",
                        "spec.matches[0].pathRegex must be a string, got number 5"),

                // specs.smi-spec.io TCPRoute and UDPRoute
                arguments("TCPRoute v1alpha1: no matches in this version", """
                        apiVersion: specs.smi-spec.io/v1alpha1
                        kind: TCPRoute
                        metadata: {name: db}
                        spec:
                          matches: {ports: [3306]}
                        """, 5, "/spec/matches",
                        "unknown field \"matches\" in spec (TCPRoute specs.smi-spec.io/v1alpha1 has no such field;"),
                arguments("TCPRoute v1alpha2: spec is a map", """
                        apiVersion: specs.smi-spec.io/v1alpha2
                        kind: TCPRoute
                        metadata: {name: db}
                        spec: []
                        """, 4, "/spec", "spec must be a map, got a list"),
                arguments("TCPRoute v1alpha3: no ports in this version", """
                        apiVersion: specs.smi-spec.io/v1alpha3
                        kind: TCPRoute
                        metadata: {name: db}
                        spec:
                          ports: [3306]
                        """, 5, "/spec/ports", "unknown field \"ports\" in spec (TCPRoute specs.smi-spec.io/v1alpha3"),
                arguments("TCPRoute v1alpha4: a port by name", """
                        apiVersion: specs.smi-spec.io/v1alpha4
                        kind: TCPRoute
                        metadata: {name: db}
                        spec:
                          matches:
                            ports:
                            - 3306
                            - mysql
                        """, 8, "/spec/matches/ports/1",
                        "spec.matches.ports[1] must be an integer, got string \"mysql\""),
                arguments("TCPRoute v1alpha4: matches without ports", """
                        apiVersion: specs.smi-spec.io/v1alpha4
                        kind: TCPRoute
                        metadata: {name: db}
                        spec:
                          matches: {}
                        """, 5, "/spec/matches", "missing required field \"ports\" in spec.matches"),
                arguments("UDPRoute v1alpha4: spec without matches", """
                        apiVersion: specs.smi-spec.io/v1alpha4
                        kind: UDPRoute
                        metadata: {name: dns}
                        spec: {}
                        """, 4, "/spec", "missing required field \"matches\" in spec"),

                // split.smi-spec.io TrafficSplit
                arguments("TrafficSplit v1alpha1: weight that is no quantity", """
                        apiVersion: split.smi-spec.io/v1alpha1
                        kind: TrafficSplit
                        metadata: {name: canary}
                        spec:
                          service: web
                          backends:
                          - service: web-v1
                            weight: 900m
                          - service: web-v2
                            weight: ten
                        """, 10, "/spec/backends/1/weight",
                        "spec.backends[1].weight must be either a Kubernetes quantity like 100m, 1 or 1500m, or a"
                                + " non-negative number; got string \"ten\""),
                arguments("TrafficSplit v1alpha1: negative weight", """
                        apiVersion: split.smi-spec.io/v1alpha1
                        kind: TrafficSplit
                        metadata: {name: canary}
                        spec:
                          service: web
                          backends:
                          - service: web-v1
                            weight: -1
                        """, 8, "/spec/backends/0/weight",
                        "spec.backends[0].weight must be either a Kubernetes quantity like 100m, 1 or 1500m, or a"
                                + " non-negative number; got number -1"),
                arguments("TrafficSplit v1alpha1: no backends", """
                        apiVersion: split.smi-spec.io/v1alpha1
                        kind: TrafficSplit
                        metadata: {name: canary}
                        spec:
                          service: web
                        """, 4, "/spec", "missing required field \"backends\" in spec"),
                arguments("TrafficSplit v1alpha2: weight as text", """
                        apiVersion: split.smi-spec.io/v1alpha2
                        kind: TrafficSplit
                        metadata: {name: canary}
                        spec:
                          service: web
                          backends:
                          - service: web-v1
                            weight: abc
                        """, 8, "/spec/backends/0/weight",
                        "spec.backends[0].weight must be a number, got string \"abc\""),
                arguments("TrafficSplit v1alpha2: matches came in v1alpha3", """
                        apiVersion: split.smi-spec.io/v1alpha2
                        kind: TrafficSplit
                        metadata: {name: canary}
                        spec:
                          service: web
                          matches: [{kind: HTTPRouteGroup, name: ab}]
                          backends: []
                        """, 6, "/spec/matches",
                        "unknown field \"matches\" in spec (TrafficSplit split.smi-spec.io/v1alpha2"),
                arguments("TrafficSplit v1alpha3: a match that is not an HTTPRouteGroup", """
                        apiVersion: split.smi-spec.io/v1alpha3
                        kind: TrafficSplit
                        metadata: {name: canary}
                        spec:
                          service: web
                          matches:
                          - kind: TCPRoute
                            name: db
                          backends: []
                        """, 7, "/spec/matches/0/kind",
                        "spec.matches[0].kind \"TCPRoute\" is not one of HTTPRouteGroup"),
                arguments("TrafficSplit v1alpha4: backend without weight", """
                        apiVersion: split.smi-spec.io/v1alpha4
                        kind: TrafficSplit
                        metadata: {name: canary}
                        spec:
                          service: web
                          backends:
                          - service: web-v1
                        """, 7, "/spec/backends/0", "missing required field \"weight\" in spec.backends[0]"),
                arguments("TrafficSplit v1alpha4: no root service", """
                        apiVersion: split.smi-spec.io/v1alpha4
                        kind: TrafficSplit
                        metadata: {name: canary}
                        spec:
                          backends: []
                        """, 4, "/spec", "missing required field \"service\" in spec"),

                // gitmesh.io MeshConfig
                arguments("gitmesh MeshConfig: trust domain not a DNS name", """
                        apiVersion: gitmesh.io/v1alpha1
                        kind: MeshConfig
                        metadata: {name: mesh}
                        spec:
                          trustDomain: Cluster_Local
                        """, 5, "/spec/trustDomain",
                        "spec.trustDomain \"Cluster_Local\" is not a DNS name in lower case, like cluster.local"),
                arguments("gitmesh MeshConfig: lifetime in words", """
                        apiVersion: gitmesh.io/v1alpha1
                        kind: MeshConfig
                        metadata: {name: mesh}
                        spec:
                          certificates:
                            workloadLifetime: 1 day
                        """, 6, "/spec/certificates/workloadLifetime",
                        "spec.certificates.workloadLifetime \"1 day\" is not a duration like 24h, 90m, 1h30m or 300s"),
                arguments("gitmesh MeshConfig: permissive as yes", """
                        apiVersion: gitmesh.io/v1alpha1
                        kind: MeshConfig
                        metadata: {name: mesh}
                        spec:
                          traffic:
                            permissive: yes
                        """, 6, "/spec/traffic/permissive",
                        "spec.traffic.permissive must be a boolean (true or false), got string \"yes\""),
                arguments("gitmesh MeshConfig: unknown sidecar mode", """
                        apiVersion: gitmesh.io/v1alpha1
                        kind: MeshConfig
                        metadata: {name: mesh}
                        spec:
                          sidecar:
                            mode: ambient
                        """, 6, "/spec/sidecar/mode", "spec.sidecar.mode \"ambient\" is not one of native, legacy"),
                arguments("gitmesh MeshConfig: sidecar settings not there yet", """
                        apiVersion: gitmesh.io/v1alpha1
                        kind: MeshConfig
                        metadata: {name: mesh}
                        spec:
                          sidecar:
                            image: envoyproxy/envoy
                        """, 6, "/spec/sidecar/image",
                        "unknown field \"image\" in spec.sidecar (MeshConfig gitmesh.io/v1alpha1 has no such field;"),
                arguments("gitmesh MeshConfig: OSM's field names", """
                        apiVersion: gitmesh.io/v1alpha1
                        kind: MeshConfig
                        metadata: {name: mesh}
                        spec:
                          traffic:
                            enablePermissiveTrafficPolicyMode: true
                        """, 6, "/spec/traffic/enablePermissiveTrafficPolicyMode",
                        "unknown field \"enablePermissiveTrafficPolicyMode\" in spec.traffic"),

                // config.openservicemesh.io MeshConfig: wrong types and values are errors
                arguments("OSM MeshConfig v1alpha1: permissive mode as text", """
                        apiVersion: config.openservicemesh.io/v1alpha1
                        kind: MeshConfig
                        metadata: {name: osm-mesh-config}
                        spec:
                          traffic:
                            enablePermissiveTrafficPolicyMode: "true"
                        """, 6, "/spec/traffic/enablePermissiveTrafficPolicyMode",
                        "spec.traffic.enablePermissiveTrafficPolicyMode must be a boolean (true or false), got string"
                                + " \"true\""),
                arguments("OSM MeshConfig v1alpha1: log level", """
                        apiVersion: config.openservicemesh.io/v1alpha1
                        kind: MeshConfig
                        metadata: {name: osm-mesh-config}
                        spec:
                          sidecar:
                            logLevel: verbose
                        """, 6, "/spec/sidecar/logLevel",
                        "spec.sidecar.logLevel \"verbose\" is not one of trace, debug, info, warning, warn, error,"
                                + " critical, off"),
                arguments("OSM MeshConfig v1alpha2: port 0", """
                        apiVersion: config.openservicemesh.io/v1alpha2
                        kind: MeshConfig
                        metadata: {name: osm-mesh-config}
                        spec:
                          traffic:
                            inboundPortExclusionList: [8080, 0]
                        """, 6, "/spec/traffic/inboundPortExclusionList/1",
                        "spec.traffic.inboundPortExclusionList[1] must be at least 1, got 0"),
                arguments("OSM MeshConfig v1alpha2: an IP range that is not one", """
                        apiVersion: config.openservicemesh.io/v1alpha2
                        kind: MeshConfig
                        metadata: {name: osm-mesh-config}
                        spec:
                          traffic:
                            outboundIPRangeExclusionList:
                            - 10.0.0.0
                        """, 7, "/spec/traffic/outboundIPRangeExclusionList/0",
                        "spec.traffic.outboundIPRangeExclusionList[0] \"10.0.0.0\" does not match the pattern"
                                + " ((?:\\d{1,3}\\.){3}\\d{1,3})\\/(\\d{1,2})$"));
    }
}
