package io.gitmesh.schema.normalize;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.gitmesh.schema.Diagnostic;
import io.gitmesh.schema.PolicyRead;
import io.gitmesh.schema.PolicyReader;
import io.gitmesh.schema.SourceFile;
import io.gitmesh.schema.policy.EnvoyOverride;
import io.gitmesh.schema.policy.EnvoyPatch;
import io.gitmesh.schema.policy.PatchOperation;
import io.gitmesh.schema.policy.PatchTarget;
import io.gitmesh.schema.policy.TargetMatch;
import io.gitmesh.schema.policy.TargetType;
import io.gitmesh.schema.policy.WorkloadSelector;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * EnvoyOverride documents through the whole reader (YAML, JSON Schema, normaliser): what a good one
 * reads as, and for each mistake the one diagnostic with its line, pointer and words.
 */
class EnvoyOverrideReaderTest {
    private static final String FILE = "overrides.yaml";

    /** An override in namespace shop; {@code spec} is indented under line 4, so its first line is line 5. */
    private static String override(String spec) {
        return """
                apiVersion: gitmesh.io/v1alpha1
                kind: EnvoyOverride
                metadata: {name: tuning, namespace: shop}
                spec:
                """ + spec.indent(2);
    }

    private static PolicyRead read(String yaml) {
        return new PolicyReader().read(List.of(new SourceFile(FILE, yaml.getBytes(UTF_8))));
    }

    private static EnvoyOverride good(String spec) {
        PolicyRead read = read(override(spec));
        assertThat(read.diagnostics()).as("diagnostics").isEmpty();
        return read.policies().envoyOverrides().getFirst();
    }

    @Test
    void readsPatchesInTheOrderWrittenWithTheirValuesAndPointers() {
        EnvoyOverride override = good("""
                patches:
                - target: {type: Cluster, name: "shop/web|8080"}
                  operation: merge
                  value:
                    connect_timeout: 2s
                    circuit_breakers:
                      thresholds: [{max_connections: 100}]
                - target: {type: Listener, match: {port: 15003}}
                  operation: remove
                """);

        assertThat(override.key().toString()).isEqualTo("EnvoyOverride/shop/tuning");
        assertThat(override.selector()).as("by default: every workload of the override's namespace")
                .isEqualTo(new WorkloadSelector(Optional.of("shop"), Optional.empty(), Map.of()));
        EnvoyPatch merge = override.patches().get(0);
        assertThat(merge.target()).isEqualTo(new PatchTarget(TargetType.CLUSTER, Optional.of("shop/web|8080"),
                TargetMatch.ANY, Optional.empty()));
        assertThat(merge.operation()).isEqualTo(PatchOperation.MERGE);
        assertThat(merge.value().orElseThrow().path("circuit_breakers").path("thresholds").get(0)
                .path("max_connections").asInt()).isEqualTo(100);
        assertThat(merge.valuePointer()).isEqualTo("/spec/patches/0/value");
        assertThat(override.origin().at(merge.valuePointer() + "/connect_timeout").line()).isEqualTo(9);
        EnvoyPatch remove = override.patches().get(1);
        assertThat(remove.target().match().port()).isEqualTo(OptionalInt.of(15003));
        assertThat(remove.value()).isEmpty();
        assertThat(remove.pointer()).isEqualTo("/spec/patches/1");
    }

    @Test
    void theValueCannotBeChangedFromOutside() {
        EnvoyPatch patch = good("""
                patches:
                - target: {type: Cluster}
                  operation: merge
                  value: {connect_timeout: 2s}
                """).patches().getFirst();
        ((tools.jackson.databind.node.ObjectNode) patch.value().orElseThrow()).put("connect_timeout", "9s");
        assertThat(patch.value().orElseThrow().path("connect_timeout").asString()).isEqualTo("2s");
    }

    static Stream<Arguments> selectors() {
        return Stream.of(
                arguments("no selector: the override's namespace", "",
                        new WorkloadSelector(Optional.of("shop"), Optional.empty(), Map.of())),
                arguments("\"*\": every namespace", "selector: {namespace: \"*\"}",
                        new WorkloadSelector(Optional.empty(), Optional.empty(), Map.of())),
                arguments("another namespace, as written", "selector: {namespace: billing}",
                        new WorkloadSelector(Optional.of("billing"), Optional.empty(), Map.of())),
                arguments("a ServiceAccount and labels", "selector: {serviceAccount: web, labels: {version: v2}}",
                        new WorkloadSelector(Optional.of("shop"), Optional.of("web"), Map.of("version", "v2"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void selectors(String name, String selector, WorkloadSelector expected) {
        EnvoyOverride override = good(selector + """

                patches:
                - target: {type: Cluster}
                  operation: remove
                """);
        assertThat(override.selector()).isEqualTo(expected);
    }

    static Stream<Arguments> targets() {
        return Stream.of(
                arguments("every cluster", "{type: Cluster}", "merge",
                        new PatchTarget(TargetType.CLUSTER, Optional.empty(), TargetMatch.ANY, Optional.empty())),
                arguments("clusters by name regex", "{type: Cluster, match: {nameRegex: \"shop/.*\"}}", "merge",
                        new PatchTarget(TargetType.CLUSTER, Optional.empty(),
                                new TargetMatch(Optional.of("shop/.*"), OptionalInt.empty(), Optional.empty()),
                                Optional.empty())),
                arguments("virtual hosts by domain in one route configuration",
                        "{type: VirtualHost, routeConfiguration: outbound, match: {domain: web.shop}}", "merge",
                        new PatchTarget(TargetType.VIRTUAL_HOST, Optional.empty(),
                                new TargetMatch(Optional.empty(), OptionalInt.empty(), Optional.of("web.shop")),
                                Optional.of("outbound"))),
                arguments("an HTTP filter by name in any listener", "{type: HttpFilter, name: envoy.filters.http.cors}",
                        "merge", new PatchTarget(TargetType.HTTP_FILTER, Optional.of("envoy.filters.http.cors"),
                                TargetMatch.ANY, Optional.empty())),
                arguments("an added virtual host names its route configuration",
                        "{type: VirtualHost, routeConfiguration: outbound}", "add",
                        new PatchTarget(TargetType.VIRTUAL_HOST, Optional.empty(), TargetMatch.ANY,
                                Optional.of("outbound"))),
                arguments("an added HTTP filter in one listener", "{type: HttpFilter, listener: inbound}", "add",
                        new PatchTarget(TargetType.HTTP_FILTER, Optional.empty(), TargetMatch.ANY,
                                Optional.of("inbound"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void targets(String name, String target, String operation, PatchTarget expected) {
        EnvoyPatch patch = good("""
                patches:
                - target: %s
                  operation: %s
                  value: {%s}
                """.formatted(target, operation, operation.equals("add") ? "name: new" : "")).patches().getFirst();
        assertThat(patch.target()).isEqualTo(expected);
    }

    @Test
    void aReplacementMayRepeatTheNameItKeeps() {
        EnvoyPatch patch = good("""
                patches:
                - target: {type: Cluster, name: web}
                  operation: replace
                  value: {name: web, type: STATIC}
                """).patches().getFirst();
        assertThat(patch.operation()).isEqualTo(PatchOperation.REPLACE);
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                arguments("no patches", "selector: {}", 4, "/spec",
                        "missing required field \"patches\" in spec"),
                arguments("an empty patch list", "patches: []", 5, "/spec/patches",
                        "spec.patches must have at least 1 item(s), got 0"),
                arguments("an unknown target type", """
                        patches:
                        - target: {type: Route}
                          operation: remove
                        """, 6, "/spec/patches/0/target/type", "\"Route\" is not one of"),
                arguments("an unknown operation", """
                        patches:
                        - target: {type: Cluster}
                          operation: patch
                          value: {}
                        """, 7, "/spec/patches/0/operation", "\"patch\" is not one of"),
                arguments("a value that is not a mapping", """
                        patches:
                        - target: {type: Cluster}
                          operation: merge
                          value: "connect_timeout: 2s"
                        """, 8, "/spec/patches/0/value", "spec.patches[0].value must be a map, got string"),
                arguments("an unknown field in a target", """
                        patches:
                        - target: {type: Cluster, cluster: web}
                          operation: remove
                        """, 6, "/spec/patches/0/target/cluster",
                        "unknown field \"cluster\" in spec.patches[0].target"),
                arguments("a target by name and by match", """
                        patches:
                        - target: {type: Cluster, name: web, match: {nameRegex: w.*}}
                          operation: remove
                        """, 6, "/spec/patches/0/target/match",
                        "give spec.patches[0].target.name or spec.patches[0].target.match, not both"),
                arguments("an empty target name", """
                        patches:
                        - target: {type: Cluster, name: ""}
                          operation: remove
                        """, 6, "/spec/patches/0/target/name", "spec.patches[0].target.name is empty"),
                arguments("a port on a cluster target", """
                        patches:
                        - target: {type: Cluster, match: {port: 8080}}
                          operation: remove
                        """, 6, "/spec/patches/0/target/match/port", "spec.patches[0].target.match.port applies to"
                                + " Listener targets only, and this target is a Cluster"),
                arguments("a domain on a listener target", """
                        patches:
                        - target: {type: Listener, match: {domain: web}}
                          operation: remove
                        """, 6, "/spec/patches/0/target/match/domain", "applies to VirtualHost targets only"),
                arguments("a route configuration on a cluster target", """
                        patches:
                        - target: {type: Cluster, routeConfiguration: outbound}
                          operation: remove
                        """, 6, "/spec/patches/0/target/routeConfiguration", "spec.patches[0].target.routeConfiguration"
                                + " applies to VirtualHost targets only, and this target is a Cluster"),
                arguments("a listener on a virtual host target", """
                        patches:
                        - target: {type: VirtualHost, listener: inbound}
                          operation: remove
                        """, 6, "/spec/patches/0/target/listener", "applies to HttpFilter targets only"),
                arguments("a name regex that is not RE2", """
                        patches:
                        - target:
                            type: Cluster
                            match: {nameRegex: "(?=web)"}
                          operation: remove
                        """, 8, "/spec/patches/0/target/match/nameRegex",
                        "spec.patches[0].target.match.nameRegex \"(?=web)\" is not a valid RE2 regular expression"),
                arguments("an add that names an existing object", """
                        patches:
                        - target: {type: Cluster, name: web}
                          operation: add
                          value: {name: web-2}
                        """, 6, "/spec/patches/0/target/name", "an add creates a new Cluster, named by value.name;"
                                + " spec.patches[0].target.name picks existing ones, leave it out"),
                arguments("an add without a name", """
                        patches:
                        - target: {type: Cluster}
                          operation: add
                          value:
                            connect_timeout: 1s
                        """, 8, "/spec/patches/0/value",
                        "missing spec.patches[0].value.name: an added Cluster needs a name"),
                arguments("an added virtual host without its route configuration", """
                        patches:
                        - target: {type: VirtualHost}
                          operation: add
                          value: {name: extra, domains: ["*"]}
                        """, 6, "/spec/patches/0/target", "missing spec.patches[0].target.routeConfiguration: an"
                                + " added VirtualHost goes into the RouteConfiguration named there"),
                arguments("a remove with a value", """
                        patches:
                        - target: {type: Cluster}
                          operation: remove
                          value: {name: web}
                        """, 8, "/spec/patches/0/value", "a remove takes no value; delete spec.patches[0].value"),
                arguments("a merge without a value", """
                        patches:
                        - target: {type: Cluster}
                          operation: merge
                        """, 6, "/spec/patches/0/value", "missing spec.patches[0].value: a merge needs the Cluster"
                                + " fields to merge, written as Envoy's proto JSON"),
                arguments("a merge that renames", """
                        patches:
                        - target: {type: Cluster, name: web}
                          operation: merge
                          value:
                            name: web-2
                        """, 9, "/spec/patches/0/value/name", "a merge cannot rename a Cluster; leave"
                                + " spec.patches[0].value.name out"),
                arguments("a replacement by match that names itself", """
                        patches:
                        - target: {type: Cluster, match: {nameRegex: "web.*"}}
                          operation: replace
                          value: {name: web}
                        """, 8, "/spec/patches/0/value/name", "leave spec.patches[0].value.name out: each Cluster the"
                                + " target matches keeps its own name"),
                arguments("a replacement under another name", """
                        patches:
                        - target: {type: Cluster, name: web}
                          operation: replace
                          value: {name: web-2}
                        """, 8, "/spec/patches/0/value/name", "spec.patches[0].value.name \"web-2\" differs from"
                                + " target.name \"web\": a replaced Cluster keeps its name"),
                arguments("a selector namespace that is not a namespace name", """
                        selector: {namespace: Shop}
                        patches:
                        - target: {type: Cluster}
                          operation: remove
                        """, 5, "/spec/selector/namespace",
                        "spec.selector.namespace \"Shop\" is not a valid namespace"),
                arguments("a selector ServiceAccount that is not a name", """
                        selector:
                          serviceAccount: web_app
                        patches:
                        - target: {type: Cluster}
                          operation: remove
                        """, 6, "/spec/selector/serviceAccount",
                        "spec.selector.serviceAccount \"web_app\" is not a valid name"),
                arguments("a label value that is a number", """
                        selector:
                          labels:
                            version: 2
                        patches:
                        - target: {type: Cluster}
                          operation: remove
                        """, 7, "/spec/selector/labels/version", "spec.selector.labels.version must be a string"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void mistakes(String name, String spec, int line, String pointer, String words) {
        PolicyRead read = read(override(spec));

        assertThat(read.diagnostics()).as(name).singleElement().satisfies(d -> {
            assertThat(d.isError()).isTrue();
            assertThat(d.file()).isEqualTo(FILE);
            assertThat(d.line()).isEqualTo(line);
            assertThat(d.pointer()).isEqualTo(pointer);
            assertThat(d.resource()).isEqualTo("EnvoyOverride/shop/tuning");
            assertThat(d.message()).contains(words);
        });
        assertThat(read.policies().envoyOverrides()).as("a document with an error is left out").isEmpty();
    }

    @Test
    void everyMistakeOfADocumentIsReportedAtOnce() {
        PolicyRead read = read(override("""
                patches:
                - target: {type: Cluster}
                  operation: merge
                - target: {type: Cluster}
                  operation: remove
                  value: {}
                """));
        assertThat(read.diagnostics()).extracting(Diagnostic::pointer)
                .containsExactly("/spec/patches/0/value", "/spec/patches/1/value");
    }
}
