package io.gitmesh.schema.check;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.gitmesh.schema.CheckedPolicy;
import io.gitmesh.schema.ClusterCatalog;
import io.gitmesh.schema.Diagnostic;
import io.gitmesh.schema.PolicyReader;
import io.gitmesh.schema.Severity;
import io.gitmesh.schema.SourceFile;
import io.gitmesh.schema.policy.PolicyDocument;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every semantic rule with a bad document and the diagnostic it must produce: severity, line,
 * pointer and the words that tell the user what is wrong. The fixture {@link #BASE} is valid; each
 * case adds one bad document to it.
 */
class PolicyCheckerTest {
    /** A valid little mesh: routes and a target in ns "shop", a split on "web". */
    private static final String BASE = """
            apiVersion: specs.smi-spec.io/v1alpha4
            kind: HTTPRouteGroup
            metadata: {name: routes, namespace: shop}
            spec:
              matches:
              - name: read
                pathRegex: /items
                methods: [GET]
            ---
            apiVersion: specs.smi-spec.io/v1alpha4
            kind: TCPRoute
            metadata: {name: tcp, namespace: shop}
            spec:
              matches:
                ports: [5432]
            """;

    /** Cluster state that knows only shop/web, shop/web-v1, shop/web-v2 and the accounts shop/web and shop/client. */
    private static final ClusterCatalog CLUSTER = new ClusterCatalog() {
        @Override
        public boolean known() {
            return true;
        }

        @Override
        public boolean hasService(String namespace, String name) {
            return namespace.equals("shop") && Set.of("web", "web-v1", "web-v2").contains(name);
        }

        @Override
        public boolean hasServiceAccount(String namespace, String name) {
            return namespace.equals("shop") && Set.of("web", "client").contains(name);
        }
    };

    static String target(String body) {
        return """
                apiVersion: access.smi-spec.io/v1alpha3
                kind: TrafficTarget
                metadata: {name: tt, namespace: shop}
                spec:
                """ + body.indent(2);
    }

    static String split(String body) {
        return """
                apiVersion: split.smi-spec.io/v1alpha4
                kind: TrafficSplit
                metadata: {name: split, namespace: shop}
                spec:
                """ + body.indent(2);
    }

    private static final String GOOD_TARGET_BODY = """
            destination: {kind: ServiceAccount, name: web, namespace: shop}
            sources:
            - {kind: ServiceAccount, name: client, namespace: shop}
            rules:
            - kind: HTTPRouteGroup
              name: routes
              matches: [read]
            """;

    static Stream<Arguments> badDocuments() {
        return Stream.of(
                arguments("TrafficTarget outside its destination's namespace", """
                        apiVersion: access.smi-spec.io/v1alpha3
                        kind: TrafficTarget
                        metadata: {name: tt, namespace: client-ns}
                        spec:
                          destination: {kind: ServiceAccount, name: web, namespace: shop}
                          sources:
                          - {kind: ServiceAccount, name: client, namespace: shop}
                          rules:
                          - {kind: TCPRoute, name: tcp}
                        """, Severity.ERROR, 5, "/spec/destination/namespace", "must be in its destination's namespace"),
                arguments("rule names a route that does not exist", target("""
                        destination: {kind: ServiceAccount, name: web, namespace: shop}
                        sources:
                        - {kind: ServiceAccount, name: client, namespace: shop}
                        rules:
                        - {kind: HTTPRouteGroup, name: nowhere}
                        """), Severity.ERROR, 9, "/spec/rules/0/name", "HTTPRouteGroup shop/nowhere does not exist"),
                arguments("rule names a match the group lacks", target("""
                        destination: {kind: ServiceAccount, name: web, namespace: shop}
                        sources:
                        - {kind: ServiceAccount, name: client, namespace: shop}
                        rules:
                        - kind: HTTPRouteGroup
                          name: routes
                          matches: [read, write]
                        """), Severity.ERROR, 11, "/spec/rules/0/matches/1", "has no match named \"write\""),
                arguments("source that is not a ServiceAccount", target("""
                        destination: {kind: ServiceAccount, name: web, namespace: shop}
                        sources:
                        - {kind: Group, name: admins, namespace: shop}
                        rules:
                        - {kind: TCPRoute, name: tcp}
                        """), Severity.ERROR, 7, "/spec/sources/0/kind", "kind must be ServiceAccount"),
                arguments("source ServiceAccount unknown to the cluster", target("""
                        destination: {kind: ServiceAccount, name: web, namespace: shop}
                        sources:
                        - {kind: ServiceAccount, name: ghost, namespace: shop}
                        rules:
                        - {kind: TCPRoute, name: tcp}
                        """), Severity.WARNING, 7, "/spec/sources/0/name", "ServiceAccount shop/ghost does not exist"),
                arguments("matches on a TCPRoute rule", target("""
                        destination: {kind: ServiceAccount, name: web, namespace: shop}
                        sources:
                        - {kind: ServiceAccount, name: client, namespace: shop}
                        rules:
                        - {kind: TCPRoute, name: tcp, matches: [x]}
                        """), Severity.WARNING, 9, "/spec/rules/0/matches", "matches are ignored on a TCPRoute rule"),
                arguments("path regex with a lookahead (not RE2)", """
                        apiVersion: specs.smi-spec.io/v1alpha4
                        kind: HTTPRouteGroup
                        metadata: {name: bad-regex, namespace: shop}
                        spec:
                          matches:
                          - name: m
                            pathRegex: "/(?=admin)"
                        """, Severity.ERROR, 7, "/spec/matches/0/pathRegex", "not a valid RE2 regular expression"),
                arguments("header regex that does not compile", """
                        apiVersion: specs.smi-spec.io/v1alpha4
                        kind: HTTPRouteGroup
                        metadata: {name: bad-header, namespace: shop}
                        spec:
                          matches:
                          - name: m
                            headers:
                            - x-user: "(unclosed"
                        """, Severity.ERROR, 8, "/spec/matches/0/headers/0/x-user", "header \"x-user\" \"(unclosed\""),
                arguments("two matches with one name", """
                        apiVersion: specs.smi-spec.io/v1alpha4
                        kind: HTTPRouteGroup
                        metadata: {name: twice, namespace: shop}
                        spec:
                          matches:
                          - name: m
                          - name: m
                        """, Severity.ERROR, 7, "/spec/matches/1/name", "used twice"),
                arguments("negative weight", split("""
                        service: web
                        backends:
                        - {service: web-v1, weight: -1}
                        - {service: web-v2, weight: 2}
                        """), Severity.ERROR, 7, "/spec/backends/0/weight", "weights must be 0 or more"),
                arguments("weights that add up to zero", split("""
                        service: web
                        backends:
                        - {service: web-v1, weight: 0}
                        - {service: web-v2, weight: 0}
                        """), Severity.ERROR, 6, "/spec/backends", "add up to 0"),
                arguments("a backend listed twice", split("""
                        service: web
                        backends:
                        - {service: web-v1, weight: 1}
                        - {service: web-v1, weight: 1}
                        """), Severity.ERROR, 8, "/spec/backends/1/service", "listed twice"),
                arguments("split matches a group that does not exist", split("""
                        service: web
                        matches:
                        - {kind: HTTPRouteGroup, name: nowhere}
                        backends:
                        - {service: web-v1, weight: 1}
                        """), Severity.ERROR, 7, "/spec/matches/0/name", "HTTPRouteGroup shop/nowhere does not exist"),
                arguments("backend Service unknown to the cluster", split("""
                        service: web
                        backends:
                        - {service: web-v3, weight: 1}
                        """), Severity.WARNING, 7, "/spec/backends/0/service", "shop/web-v3 does not exist"),
                arguments("root Service unknown to the cluster", split("""
                        service: shop-front
                        backends:
                        - {service: web-v1, weight: 1}
                        """), Severity.WARNING, 5, "/spec/service", "root Service shop/shop-front does not exist"),
                arguments("override selecting a ServiceAccount unknown to the cluster", """
                        apiVersion: gitmesh.io/v1alpha1
                        kind: EnvoyOverride
                        metadata: {name: timeouts, namespace: shop}
                        spec:
                          selector: {serviceAccount: ghost}
                          patches:
                          - target: {type: Cluster}
                            operation: merge
                            value: {connect_timeout: 2s}
                        """, Severity.WARNING, 5, "/spec/selector/serviceAccount",
                        "ServiceAccount shop/ghost does not exist in the cluster state; this override applies to no"
                                + " workload until it does"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badDocuments")
    void reportsTheRule(String name, String bad, Severity severity, int line, String pointer, String words) {
        CheckedPolicy checked = check(CLUSTER, BASE, bad);

        assertThat(checked.diagnostics()).as(name).singleElement().satisfies(d -> {
            assertThat(d.severity()).isEqualTo(severity);
            assertThat(d.file()).isEqualTo("bad.yaml");
            assertThat(d.line()).isEqualTo(line);
            assertThat(d.pointer()).isEqualTo(pointer);
            assertThat(d.message()).contains(words);
        });
        assertThat(checked.valid()).isEqualTo(severity != Severity.ERROR);
        assertThat(keptNames(checked)).as("a document with an error is left out, the rest stays")
                .contains("routes", "tcp").hasSize(severity == Severity.ERROR ? 2 : 3);
    }

    @Test
    void aValidTargetAndSplitPass() {
        CheckedPolicy checked = check(CLUSTER, BASE, target(GOOD_TARGET_BODY) + "---\n" + split("""
                service: web
                backends:
                - {service: web-v1, weight: 0}
                - {service: web-v2, weight: 100}
                """));
        assertThat(checked.diagnostics()).isEmpty();
        assertThat(keptNames(checked)).containsExactlyInAnyOrder("routes", "tcp", "tt", "split");
    }

    @Test
    void twoSplitsForOneRootServiceNameBoth() {
        String second = split("""
                service: web.shop.svc.cluster.local
                backends:
                - {service: web-v2, weight: 1}
                """).replace("name: split,", "name: split-2,");
        CheckedPolicy checked = check(CLUSTER, BASE, split("""
                service: web
                backends:
                - {service: web-v1, weight: 1}
                """) + "---\n" + second);
        assertThat(checked.errors()).singleElement().satisfies(d -> {
            assertThat(d.resource()).isEqualTo("TrafficSplit/shop/split-2");
            assertThat(d.line()).isEqualTo(13);
            assertThat(d.message()).contains("already has a TrafficSplit: TrafficSplit/shop/split in bad.yaml:1");
        });
    }

    @Test
    void whatDependsOnABadDocumentIsLeftOutToo() {
        String badRoutes = BASE.replace("pathRegex: /items", "pathRegex: \"(\"");
        CheckedPolicy checked = check(CLUSTER, badRoutes, target(GOOD_TARGET_BODY));
        assertThat(checked.errors()).singleElement().extracting(Diagnostic::pointer)
                .isEqualTo("/spec/matches/0/pathRegex");
        assertThat(checked.diagnostics()).anySatisfy(d -> {
            assertThat(d.severity()).isEqualTo(Severity.WARNING);
            assertThat(d.resource()).isEqualTo("TrafficTarget/shop/tt");
            assertThat(d.message()).contains("left out: HTTPRouteGroup/shop/routes has errors");
        });
        assertThat(keptNames(checked)).containsExactly("tcp");
    }

    @Test
    void withoutClusterStateNoReferenceIsCheckedAgainstIt() {
        CheckedPolicy checked = check(ClusterCatalog.UNKNOWN, BASE, split("""
                service: elsewhere
                backends:
                - {service: nothing-v1, weight: 1}
                """));
        assertThat(checked.diagnostics()).isEmpty();
    }

    private static CheckedPolicy check(ClusterCatalog cluster, String base, String bad) {
        List<SourceFile> files = List.of(new SourceFile("base.yaml", base.getBytes(UTF_8)),
                new SourceFile("bad.yaml", bad.getBytes(UTF_8)));
        return new PolicyChecker().check(new PolicyReader().read(files), cluster);
    }

    private static List<String> keptNames(CheckedPolicy checked) {
        return checked.policies().documents().stream().map(PolicyDocument::meta).map(m -> m.name()).toList();
    }
}
