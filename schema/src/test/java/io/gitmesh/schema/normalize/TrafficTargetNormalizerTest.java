package io.gitmesh.schema.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitmesh.schema.Diagnostic;
import io.gitmesh.schema.policy.IdentityRef;
import io.gitmesh.schema.policy.RouteKind;
import io.gitmesh.schema.policy.RuleRef;
import io.gitmesh.schema.policy.TrafficTarget;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TrafficTargetNormalizerTest {
    private static final String SA = "ServiceAccount";

    static Stream<Arguments> versions() {
        return Stream.of(
                Arguments.of("v1alpha1: top-level destination with port, specs, sources", """
                        apiVersion: access.smi-spec.io/v1alpha1
                        kind: TrafficTarget
                        metadata:
                          name: path-specific
                          namespace: shop
                        destination:
                          kind: ServiceAccount
                          name: service-a
                          port: 8080
                        specs:
                        - kind: HTTPRouteGroup
                          name: the-routes
                          matches:
                          - metrics
                        sources:
                        - kind: ServiceAccount
                          name: prometheus
                          namespace: monitoring
                        """,
                        new IdentityRef(SA, "service-a", "shop", 8080, "/destination"),
                        List.of(new IdentityRef(SA, "prometheus", "monitoring", null, "/sources/0")),
                        List.of(new RuleRef(RouteKind.HTTP_ROUTE_GROUP, "the-routes", List.of("metrics"), "/specs/0"))),
                Arguments.of("v1alpha2: spec with rules and a destination port", """
                        apiVersion: access.smi-spec.io/v1alpha2
                        kind: TrafficTarget
                        metadata:
                          name: path-specific
                          namespace: shop
                        spec:
                          destination:
                            kind: ServiceAccount
                            name: service-a
                            namespace: shop
                            port: 8080
                          rules:
                          - kind: TCPRoute
                            name: the-ports
                          sources:
                          - kind: ServiceAccount
                            name: website
                          - kind: ServiceAccount
                            name: payments
                            namespace: pay
                        """,
                        new IdentityRef(SA, "service-a", "shop", 8080, "/spec/destination"),
                        List.of(new IdentityRef(SA, "website", "shop", null, "/spec/sources/0"),
                                new IdentityRef(SA, "payments", "pay", null, "/spec/sources/1")),
                        List.of(new RuleRef(RouteKind.TCP_ROUTE, "the-ports", List.of(), "/spec/rules/0"))),
                Arguments.of("v1alpha2: the port is optional", """
                        apiVersion: access.smi-spec.io/v1alpha2
                        kind: TrafficTarget
                        metadata:
                          name: any-port
                          namespace: shop
                        spec:
                          destination:
                            kind: ServiceAccount
                            name: service-a
                        """,
                        new IdentityRef(SA, "service-a", "shop", null, "/spec/destination"), List.of(), List.of()),
                Arguments.of("v1alpha3: every route kind, namespaces defaulted to the TrafficTarget's", """
                        apiVersion: access.smi-spec.io/v1alpha3
                        kind: TrafficTarget
                        metadata:
                          name: protocol-specific
                        spec:
                          destination:
                            kind: ServiceAccount
                            name: server
                          rules:
                          - kind: TCPRoute
                            name: tcp-ports
                          - kind: UDPRoute
                            name: udp-ports
                          - kind: HTTPRouteGroup
                            name: the-routes
                            matches: [metrics, health]
                          sources:
                          - kind: ServiceAccount
                            name: client
                        """,
                        new IdentityRef(SA, "server", "default", null, "/spec/destination"),
                        List.of(new IdentityRef(SA, "client", "default", null, "/spec/sources/0")),
                        List.of(new RuleRef(RouteKind.TCP_ROUTE, "tcp-ports", List.of(), "/spec/rules/0"),
                                new RuleRef(RouteKind.UDP_ROUTE, "udp-ports", List.of(), "/spec/rules/1"),
                                new RuleRef(RouteKind.HTTP_ROUTE_GROUP, "the-routes", List.of("metrics", "health"),
                                        "/spec/rules/2"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("versions")
    void readsEveryVersion(String name, String yaml, IdentityRef destination, List<IdentityRef> sources,
            List<RuleRef> rules) {
        TrafficTarget target = Documents.policy(yaml, TrafficTarget.class);
        assertThat(target.destination()).isEqualTo(destination);
        assertThat(target.sources()).isEqualTo(sources);
        assertThat(target.rules()).isEqualTo(rules);
        assertThat(target.meta().namespace()).isEqualTo(destination.namespace());
    }

    @Test
    void pointersLandOnTheLinesTheyWereWrittenOn() {
        TrafficTarget target = Documents.policy("""
                apiVersion: access.smi-spec.io/v1alpha3
                kind: TrafficTarget
                metadata:
                  name: t
                  namespace: shop
                spec:
                  destination:
                    kind: ServiceAccount
                    name: server
                  rules:
                  - kind: TCPRoute
                    name: tcp-ports
                  sources:
                  - kind: ServiceAccount
                    name: client
                """, TrafficTarget.class);
        var origin = target.origin();
        assertThat(origin.file()).isEqualTo(Documents.FILE);
        assertThat(origin.apiVersion()).isEqualTo("access.smi-spec.io/v1alpha3");
        assertThat(origin.at(target.destination().pointer()).line()).isEqualTo(7);
        assertThat(origin.at(target.rules().getFirst().pointer()).line()).isEqualTo(11);
        assertThat(origin.at(target.sources().getFirst().pointer()).line()).isEqualTo(14);
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of("a rule of an unknown kind", """
                        apiVersion: access.smi-spec.io/v1alpha3
                        kind: TrafficTarget
                        metadata: {name: t}
                        spec:
                          destination: {kind: ServiceAccount, name: server}
                          rules:
                          - kind: HTTPRoute
                            name: r
                        """, "/spec/rules/0/kind", 7, "spec.rules[0].kind \"HTTPRoute\" is not a route kind"),
                Arguments.of("a destination port out of range", """
                        apiVersion: access.smi-spec.io/v1alpha2
                        kind: TrafficTarget
                        metadata: {name: t}
                        spec:
                          destination:
                            kind: ServiceAccount
                            name: server
                            port: 70000
                        """, "/spec/destination/port", 8,
                        "spec.destination.port must be a port number from 1 to 65535, not the number 70000"),
                Arguments.of("a destination port written as a string", """
                        apiVersion: access.smi-spec.io/v1alpha1
                        kind: TrafficTarget
                        metadata: {name: t}
                        destination:
                          kind: ServiceAccount
                          name: server
                          port: "9091"
                        """, "/destination/port", 7, "not the string \"9091\""),
                Arguments.of("no destination", """
                        apiVersion: access.smi-spec.io/v1alpha3
                        kind: TrafficTarget
                        metadata: {name: t}
                        spec:
                          sources: []
                        """, "/spec/destination", 4, "missing required field spec.destination"),
                Arguments.of("a spec that is a list", """
                        apiVersion: access.smi-spec.io/v1alpha3
                        kind: TrafficTarget
                        metadata: {name: t}
                        spec: []
                        """, "/spec", 4, "spec must be a mapping, not a list"),
                Arguments.of("a source namespace that is a placeholder", """
                        apiVersion: access.smi-spec.io/v1alpha3
                        kind: TrafficTarget
                        metadata: {name: t}
                        spec:
                          destination: {kind: ServiceAccount, name: server}
                          sources:
                          - kind: ServiceAccount
                            name: client
                            namespace: <NAMESPACE>
                        """, "/spec/sources/0/namespace", 9,
                        "spec.sources[0].namespace \"<NAMESPACE>\" is not a valid namespace"),
                Arguments.of("a destination name that is no Kubernetes name", """
                        apiVersion: access.smi-spec.io/v1alpha3
                        kind: TrafficTarget
                        metadata: {name: t}
                        spec:
                          destination: {kind: ServiceAccount, name: Service_A}
                        """, "/spec/destination/name", 5, "spec.destination.name \"Service_A\" is not a valid name"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void reportsWhatIsWrongWhereItIsWritten(String name, String yaml, String pointer, int line, String message) {
        Diagnostic d = Documents.onlyError(Documents.normalize(yaml));
        assertThat(d.pointer()).isEqualTo(pointer);
        assertThat(d.line()).isEqualTo(line);
        assertThat(d.message()).contains(message);
        assertThat(d.resource()).isEqualTo("TrafficTarget/default/t");
        assertThat(d.file()).isEqualTo(Documents.FILE);
    }
}
