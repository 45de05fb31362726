package io.gitmesh.schema.jsonschema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.gitmesh.schema.DocumentType;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Correct documents of every kind and version pass, with every field their schema knows. */
class AcceptedDocumentsTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void acceptsACompleteDocument(String name, String yaml) {
        assertThat(Documents.validate(yaml)).isEmpty();
    }

    static Stream<Arguments> acceptsACompleteDocument() {
        return Stream.of(
                arguments("access.smi-spec.io/v1alpha1 TrafficTarget", """
                        apiVersion: access.smi-spec.io/v1alpha1
                        kind: TrafficTarget
                        metadata: {name: api, namespace: shop}
                        destination: {kind: ServiceAccount, name: api, namespace: shop, port: 8080}
                        specs:
                        - {kind: HTTPRouteGroup, name: routes, matches: [metrics]}
                        - {kind: TCPRoute, name: tcp}
                        sources:
                        - {kind: ServiceAccount, name: web, namespace: shop}
                        """),
                arguments("access.smi-spec.io/v1alpha2 TrafficTarget", """
                        apiVersion: access.smi-spec.io/v1alpha2
                        kind: TrafficTarget
                        metadata: {name: api}
                        spec:
                          destination: {kind: ServiceAccount, name: api, namespace: shop, port: 8080}
                          rules:
                          - {kind: HTTPRouteGroup, name: routes, matches: [metrics]}
                          sources:
                          - {kind: ServiceAccount, name: web}
                        """),
                arguments("access.smi-spec.io/v1alpha3 TrafficTarget", """
                        apiVersion: access.smi-spec.io/v1alpha3
                        kind: TrafficTarget
                        metadata: {name: api}
                        spec:
                          destination: {kind: ServiceAccount, name: api, namespace: shop}
                          rules:
                          - {kind: HTTPRouteGroup, name: routes, matches: [metrics]}
                          - {kind: UDPRoute, name: dns}
                          sources:
                          - {kind: ServiceAccount, name: web, namespace: shop}
                        """),
                arguments("specs.smi-spec.io/v1alpha1 HTTPRouteGroup", """
                        apiVersion: specs.smi-spec.io/v1alpha1
                        kind: HTTPRouteGroup
                        metadata: {name: routes}
                        matches:
                        - {name: metrics, pathRegex: /metrics, methods: [GET]}
                        """),
                arguments("specs.smi-spec.io/v1alpha2 HTTPRouteGroup", """
                        apiVersion: specs.smi-spec.io/v1alpha2
                        kind: HTTPRouteGroup
                        metadata: {name: routes}
                        matches:
                        - {name: all, pathRegex: ".*", methods: ["*"], headers: [{x-debug: "1"}]}
                        """),
                arguments("specs.smi-spec.io/v1alpha3 HTTPRouteGroup", """
                        apiVersion: specs.smi-spec.io/v1alpha3
                        kind: HTTPRouteGroup
                        metadata: {name: routes}
                        spec:
                          matches:
                          - name: all
                            pathRegex: ".*"
                            methods: [HEAD, PUT, POST, DELETE, CONNECT, OPTIONS, TRACE, PATCH]
                        """),
                arguments("specs.smi-spec.io/v1alpha4 HTTPRouteGroup", """
                        apiVersion: specs.smi-spec.io/v1alpha4
                        kind: HTTPRouteGroup
                        metadata: {name: routes}
                        spec:
                          matches:
                          - name: android
                            pathRegex: /api/.*
                            methods: [GET]
                            headers:
                              user-agent: ".*Android.*"
                        """),
                arguments("specs.smi-spec.io/v1alpha1 TCPRoute", """
                        apiVersion: specs.smi-spec.io/v1alpha1
                        kind: TCPRoute
                        metadata: {name: tcp}
                        """),
                arguments("specs.smi-spec.io/v1alpha2 TCPRoute", """
                        apiVersion: specs.smi-spec.io/v1alpha2
                        kind: TCPRoute
                        metadata: {name: tcp}
                        """),
                arguments("specs.smi-spec.io/v1alpha3 TCPRoute", """
                        apiVersion: specs.smi-spec.io/v1alpha3
                        kind: TCPRoute
                        metadata: {name: tcp}
                        spec: {}
                        """),
                arguments("specs.smi-spec.io/v1alpha4 TCPRoute", """
                        apiVersion: specs.smi-spec.io/v1alpha4
                        kind: TCPRoute
                        metadata: {name: mysql}
                        spec:
                          matches:
                            ports: [3306, 33060]
                        """),
                arguments("specs.smi-spec.io/v1alpha4 UDPRoute", """
                        apiVersion: specs.smi-spec.io/v1alpha4
                        kind: UDPRoute
                        metadata: {name: dns}
                        spec:
                          matches:
                            ports: [53]
                        """),
                arguments("split.smi-spec.io/v1alpha1 TrafficSplit", """
                        apiVersion: split.smi-spec.io/v1alpha1
                        kind: TrafficSplit
                        metadata: {name: my-weights}
                        spec:
                          service: numbers
                          backends:
                          - {service: one, weight: 10m}
                          - {service: two, weight: 100m}
                          - {service: three, weight: 1500m}
                        """),
                arguments("split.smi-spec.io/v1alpha2 TrafficSplit", """
                        apiVersion: split.smi-spec.io/v1alpha2
                        kind: TrafficSplit
                        metadata: {name: canary}
                        spec:
                          service: web.shop
                          backends:
                          - {service: web-v1, weight: 90}
                          - {service: web-v2, weight: 10}
                        """),
                arguments("split.smi-spec.io/v1alpha3 TrafficSplit", """
                        apiVersion: split.smi-spec.io/v1alpha3
                        kind: TrafficSplit
                        metadata: {name: ab-test}
                        spec:
                          service: web
                          matches: [{kind: HTTPRouteGroup, name: ab-test}]
                          backends:
                          - {service: web-v1, weight: 0}
                          - {service: web-v2, weight: 100}
                        """),
                arguments("split.smi-spec.io/v1alpha4 TrafficSplit", """
                        apiVersion: split.smi-spec.io/v1alpha4
                        kind: TrafficSplit
                        metadata: {name: ab-test}
                        spec:
                          service: web
                          matches: [{kind: HTTPRouteGroup, name: ab-test}]
                          backends:
                          - {service: web-v1, weight: 1}
                        """),
                arguments("gitmesh.io/v1alpha1 MeshConfig", """
                        apiVersion: gitmesh.io/v1alpha1
                        kind: MeshConfig
                        metadata: {name: mesh}
                        spec:
                          trustDomain: cluster.local
                          traffic: {permissive: false}
                          certificates: {workloadLifetime: 1h30m}
                          sidecar: {mode: legacy}
                        """),
                arguments("gitmesh.io/v1alpha1 MeshConfig without spec", """
                        apiVersion: gitmesh.io/v1alpha1
                        kind: MeshConfig
                        metadata: {name: mesh}
                        """),
                arguments("gitmesh.io/v1alpha1 EnvoyOverride", """
                        apiVersion: gitmesh.io/v1alpha1
                        kind: EnvoyOverride
                        metadata: {name: tuning, namespace: shop}
                        spec:
                          selector:
                            namespace: "*"
                            serviceAccount: web
                            labels: {app: web}
                          patches:
                          - target: {type: Cluster, match: {nameRegex: "shop/.*"}}
                            operation: merge
                            value: {connect_timeout: 2s}
                          - target: {type: Listener, match: {port: 15003}}
                            operation: merge
                            value: {per_connection_buffer_limit_bytes: 32768}
                          - target: {type: VirtualHost, routeConfiguration: outbound, match: {domain: web}}
                            operation: replace
                            value: {domains: [web]}
                          - target: {type: HttpFilter, listener: inbound, name: envoy.filters.http.cors}
                            operation: remove
                          - target: {type: RouteConfiguration}
                            operation: add
                            value: {name: extra}
                        """),
                arguments("config.openservicemesh.io/v1alpha1 MeshConfig", """
                        apiVersion: config.openservicemesh.io/v1alpha1
                        kind: MeshConfig
                        metadata: {name: osm-mesh-config, namespace: osm-system}
                        spec:
                          sidecar:
                            logLevel: error
                            resources: {limits: {cpu: 500m, memory: 64M}}
                          traffic:
                            enablePermissiveTrafficPolicyMode: false
                            outboundIPRangeExclusionList: [10.0.0.0/8]
                          certificate: {serviceCertValidityDuration: 24h, certKeyBitSize: 2048}
                        """),
                arguments("config.openservicemesh.io/v1alpha2 MeshConfig", """
                        apiVersion: config.openservicemesh.io/v1alpha2
                        kind: MeshConfig
                        metadata: {name: osm-mesh-config, namespace: osm-system}
                        spec:
                          sidecar: {localProxyMode: PodIP, tlsMinProtocolVersion: TLSv1_2}
                          traffic:
                            enablePermissiveTrafficPolicyMode: true
                            inboundPortExclusionList: [15000]
                          certificate:
                            serviceCertValidityDuration: 1h
                            certKeyBitSize: 4096
                            ingressGateway:
                              subjectAltNames: [gateway.osm-system.cluster.local]
                              validityDuration: 24h
                              secret: {name: gateway-cert, namespace: osm-system}
                          featureFlags: {enableRetryPolicy: true}
                        """));
    }

    @Test
    void everyPolicyTypeHasACompleteExample() {
        List<String> covered = acceptsACompleteDocument().map(a -> (String) a.get()[0]).toList();
        for (DocumentType type : DocumentType.policyTypes()) {
            assertThat(covered).as("example of %s", type)
                    .anyMatch(n -> n.startsWith(type.apiVersion() + " " + type.kind()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"v1alpha1", "v1alpha2", "v1alpha3", "v1alpha4"})
    void acceptsHeadersAsAListOfMapsOrAsAMapInEveryVersion(String version) {
        String matches = """
                  matches:
                  - name: list-form
                    headers:
                    - user-agent: ".*Android.*"
                    - cookie: "^(.*?;)?(type=insider)(;.*)?$"
                  - name: map-form
                    headers:
                      user-agent: ".*Android.*"
                      cookie: "^(.*?;)?(type=insider)(;.*)?$"
                  - name: empty-forms
                    headers: {}
                """;
        boolean topLevel = version.equals("v1alpha1") || version.equals("v1alpha2");
        String yaml = "apiVersion: specs.smi-spec.io/" + version + "\nkind: HTTPRouteGroup\nmetadata: {name: hrg}\n"
                + (topLevel ? matches.replaceAll("(?m)^  ", "") : "spec:\n" + matches);

        assertThat(Documents.validate(yaml)).isEmpty();
    }

    @ParameterizedTest(name = "weight: {0}")
    @ValueSource(strings = {"100m", "1", "1500m", "0m", "\"1\"", "0", "0.5", "2.5e3", "1Ki", "+1"})
    void acceptsV1alpha1WeightsAsQuantitiesOrNonNegativeNumbers(String weight) {
        assertThat(Documents.validate("""
                apiVersion: split.smi-spec.io/v1alpha1
                kind: TrafficSplit
                metadata: {name: canary}
                spec:
                  service: web
                  backends:
                  - service: web-v1
                    weight: %s
                """.formatted(weight))).isEmpty();
    }

    @Test
    void acceptsTheMetadataKubectlWritesBack() {
        assertThat(Documents.validate("""
                apiVersion: split.smi-spec.io/v1alpha2
                kind: TrafficSplit
                metadata:
                  name: canary
                  namespace: shop
                  generateName: canary-
                  uid: 6a3c0a9e-0f27-4a53-8a6b-1b2f3c4d5e6f
                  resourceVersion: "4711"
                  generation: 3
                  selfLink: /apis/split.smi-spec.io/v1alpha2/namespaces/shop/trafficsplits/canary
                  creationTimestamp: null
                  deletionTimestamp: "2021-04-29T10:00:00Z"
                  deletionGracePeriodSeconds: 30
                  labels: {app: web, app.kubernetes.io/part-of: shop}
                  annotations: {kubectl.kubernetes.io/last-applied-configuration: "{}"}
                  ownerReferences:
                  - apiVersion: apps/v1
                    kind: Deployment
                    name: web
                    uid: 0b6f2c2e-1d1c-4f0e-9c4e-2f8a9b7c6d5e
                    controller: true
                    blockOwnerDeletion: true
                  finalizers: [gitmesh.io/cleanup]
                  managedFields:
                  - manager: kubectl
                    operation: Update
                    apiVersion: split.smi-spec.io/v1alpha2
                    time: "2021-04-29T10:00:00Z"
                    fieldsType: FieldsV1
                    fieldsV1: {f:spec: {f:service: {}}}
                spec:
                  service: web
                  backends: []
                """)).isEmpty();
    }
}
