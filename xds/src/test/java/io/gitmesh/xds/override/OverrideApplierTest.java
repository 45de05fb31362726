package io.gitmesh.xds.override;

import static io.gitmesh.xds.override.Fixtures.WEB;
import static io.gitmesh.xds.override.Fixtures.override;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.gitmesh.schema.Diagnostic;
import io.gitmesh.schema.Severity;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Overrides applied to the config of one workload ({@link Fixtures#generated()}): every operation on
 * every target type, selectors, merge semantics, a failing override left out while the others
 * apply, and the order and determinism of the result.
 */
class OverrideApplierTest {
    private static final EnvoyResources GENERATED = Fixtures.generated();

    private static Patched apply(String yaml) {
        return apply(WEB, yaml);
    }

    private static Patched apply(Workload workload, String yaml) {
        return new OverrideApplier().apply(GENERATED, workload, Fixtures.valid(yaml));
    }

    private static Patched applyCleanly(String yaml) {
        Patched patched = apply(yaml);
        assertThat(patched.diagnostics()).as("applier diagnostics").isEmpty();
        return patched;
    }

    private static Cluster cluster(Patched patched, String name) {
        return patched.resources().clusters().stream().filter(c -> c.getName().equals(name)).findFirst().orElseThrow();
    }

    private static Listener listener(Patched patched, String name) {
        return patched.resources().listeners().stream().filter(l -> l.getName().equals(name)).findFirst().orElseThrow();
    }

    private static RouteConfiguration routes(Patched patched, String name) {
        return patched.resources().routeConfigurations().stream().filter(r -> r.getName().equals(name)).findFirst()
                .orElseThrow();
    }

    private static VirtualHost host(Patched patched, String routes, String name) {
        return routes(patched, routes).getVirtualHostsList().stream().filter(h -> h.getName().equals(name)).findFirst()
                .orElseThrow();
    }

    // --- listeners, clusters, route configurations

    @Test
    void mergesIntoOneClusterByName() {
        Patched patched = applyCleanly(override("tuning", """
                - target: {type: Cluster, name: "shop/web:8080"}
                  operation: merge
                  value:
                    connect_timeout: 5s
                    circuit_breakers:
                      thresholds: [{max_connections: 100}]
                """));

        Cluster web = cluster(patched, "shop/web:8080");
        assertThat(web.getConnectTimeout())
                .as("a duration is replaced whole (1.5s merged field by field would be 5.5s)")
                .isEqualTo(Fixtures.seconds(5, 0));
        assertThat(web.getCircuitBreakers().getThresholds(0).getMaxConnections().getValue()).isEqualTo(100);
        assertThat(web.getLbPolicy()).as("what the patch does not write stays")
                .isEqualTo(Cluster.LbPolicy.LEAST_REQUEST);
        assertThat(cluster(patched, "shop/api:9090")).isEqualTo(GENERATED.clusters().get(1));
    }

    @Test
    void aMergeSetsWhatIsWrittenEvenTheDefaultAndClearsWhatIsWrittenAsNull() {
        Patched patched = applyCleanly(override("tuning", """
                - target: {type: Cluster, name: "shop/web:8080"}
                  operation: merge
                  value:
                    lb_policy: ROUND_ROBIN
                    connect_timeout: null
                    circuit_breakers: {thresholds: [{max_retries: 0}]}
                """));

        Cluster web = cluster(patched, "shop/web:8080");
        assertThat(web.getLbPolicy()).isEqualTo(Cluster.LbPolicy.ROUND_ROBIN);
        assertThat(web.hasConnectTimeout()).isFalse();
        assertThat(web.getCircuitBreakers().getThresholds(0).hasMaxRetries()).as("a wrapper set to 0 is set").isTrue();
    }

    @Test
    void aMergeAppendsToListsAndReplacesMapEntriesByKey() {
        Patched patched = applyCleanly(override("tuning", """
                - target: {type: Cluster, name: "shop/web:8080"}
                  operation: merge
                  value:
                    metadata:
                      filter_metadata:
                        team: {owner: shop}
                        cost: {center: "42"}
                - target: {type: Cluster, name: "shop/web:8080"}
                  operation: merge
                  value:
                    metadata:
                      filter_metadata:
                        team: {pager: shop-oncall}
                - target: {type: VirtualHost, name: web}
                  operation: merge
                  value:
                    routes:
                    - match: {prefix: /legacy}
                      direct_response: {status: 410}
                """));

        Map<String, Struct> metadata = cluster(patched, "shop/web:8080").getMetadata().getFilterMetadataMap();
        assertThat(metadata.keySet()).containsExactly("team", "cost");
        assertThat(metadata.get("team").getFieldsMap()).containsExactly(
                Map.entry("pager", Value.newBuilder().setStringValue("shop-oncall").build()));
        assertThat(host(patched, "outbound:8080", "web").getRoutesList()).extracting(r -> r.getMatch().getPrefix())
                .containsExactly("/", "/legacy");
    }

    @Test
    void aReplacementKeepsTheNameAndThePlace() {
        Patched patched = applyCleanly(override("tuning", """
                - target: {type: Cluster, name: "shop/web:8080"}
                  operation: replace
                  value:
                    type: STATIC
                    connect_timeout: 3s
                    load_assignment: {cluster_name: legacy-web}
                """));

        assertThat(patched.resources().clusters()).extracting(Cluster::getName)
                .containsExactly("shop/web:8080", "shop/api:9090");
        Cluster web = cluster(patched, "shop/web:8080");
        assertThat(web.getType()).isEqualTo(Cluster.DiscoveryType.STATIC);
        assertThat(web.getLbPolicy()).as("nothing of the generated cluster is left")
                .isEqualTo(Cluster.LbPolicy.ROUND_ROBIN);
    }

    @Test
    void removesWhatARegexMatchesAndAddsAtTheEnd() {
        Patched patched = applyCleanly(override("tuning", """
                - target: {type: Cluster, match: {nameRegex: "shop/api:.*"}}
                  operation: remove
                - target: {type: Cluster}
                  operation: add
                  value: {name: legacy, type: STATIC, connect_timeout: 1s}
                """));

        assertThat(patched.resources().clusters()).extracting(Cluster::getName)
                .containsExactly("shop/web:8080", "legacy");
    }

    @Test
    void mergesIntoTheListenerOnAPortAndIntoARouteConfiguration() {
        Patched patched = applyCleanly(override("tuning", """
                - target: {type: Listener, match: {port: 15003}}
                  operation: merge
                  value: {per_connection_buffer_limit_bytes: 32768}
                - target: {type: RouteConfiguration, name: outbound:8080}
                  operation: merge
                  value: {validate_clusters: true}
                """));

        assertThat(listener(patched, "inbound").getPerConnectionBufferLimitBytes().getValue()).isEqualTo(32768);
        assertThat(listener(patched, "outbound").hasPerConnectionBufferLimitBytes()).isFalse();
        assertThat(routes(patched, "outbound:8080").getValidateClusters().getValue()).isTrue();
        assertThat(routes(patched, "inbound:8080")).isEqualTo(GENERATED.routeConfigurations().get(1));
    }

    // --- virtual hosts

    @Test
    void mergesARetryPolicyIntoTheVirtualHostOfADomain() {
        Patched patched = applyCleanly(override("retries", """
                - target: {type: VirtualHost, routeConfiguration: outbound:8080, match: {domain: web}}
                  operation: merge
                  value:
                    retry_policy: {retry_on: "5xx,reset", num_retries: 3}
                """));

        assertThat(host(patched, "outbound:8080", "web").getRetryPolicy().getNumRetries().getValue()).isEqualTo(3);
        assertThat(host(patched, "outbound:8080", "api").hasRetryPolicy()).isFalse();
    }

    @Test
    void replacesRemovesAndAddsVirtualHosts() {
        Patched patched = applyCleanly(override("hosts", """
                - target: {type: VirtualHost, name: api}
                  operation: replace
                  value:
                    domains: [api]
                    routes: [{match: {prefix: /}, direct_response: {status: 503}}]
                - target: {type: VirtualHost, name: web}
                  operation: remove
                - target: {type: VirtualHost, routeConfiguration: outbound:8080}
                  operation: add
                  value: {name: status, domains: [status.shop]}
                """));

        RouteConfiguration outbound = routes(patched, "outbound:8080");
        assertThat(outbound.getVirtualHostsList()).extracting(VirtualHost::getName).containsExactly("api", "status");
        assertThat(outbound.getVirtualHosts(0).getRoutes(0).getDirectResponse().getStatus()).isEqualTo(503);
        assertThat(routes(patched, "inbound:8080")).isEqualTo(GENERATED.routeConfigurations().get(1));
    }

    @Test
    void patchesTheVirtualHostsOfARouteConfigurationInlineInAGrpcServerListener() {
        Patched patched = applyCleanly(override("grpc-retries", """
                - target: {type: VirtualHost, routeConfiguration: "grpc-inbound:8080"}
                  operation: merge
                  value:
                    retry_policy: {retry_on: unavailable, num_retries: 2}
                - target: {type: VirtualHost, routeConfiguration: "grpc-inbound:8080"}
                  operation: add
                  value: {name: health, domains: [health.local]}
                """));

        HttpConnectionManager manager = manager(listener(patched, Fixtures.GRPC_SERVER));
        assertThat(manager.getRouteConfig().getVirtualHostsList()).extracting(VirtualHost::getName)
                .containsExactly("grpc-inbound", "health");
        assertThat(manager.getRouteConfig().getVirtualHosts(0).getRetryPolicy().getRetryOn()).isEqualTo("unavailable");
        assertThat(patched.resources().routeConfigurations()).isEqualTo(GENERATED.routeConfigurations());
    }

    @Test
    void aDomainServedTwiceInAnInlineRouteConfigurationFails() {
        Patched patched = apply(override("grpc-hosts", """
                - target: {type: VirtualHost, routeConfiguration: "grpc-inbound:8080"}
                  operation: add
                  value: {name: everything, domains: ["*"]}
                """));

        assertThat(patched.diagnostics()).singleElement().extracting(Diagnostic::message).asString()
                .contains("the patched Listener \"" + Fixtures.GRPC_SERVER + "\" would be rejected by Envoy: domain"
                        + " \"*\" is served by both VirtualHost \"grpc-inbound\" and VirtualHost \"everything\" of"
                        + " RouteConfiguration \"grpc-inbound:8080\"");
        assertThat(patched.resources()).isEqualTo(GENERATED);
    }

    private static HttpConnectionManager manager(Listener listener) {
        try {
            return listener.getFilterChains(0).getFilters(0).getTypedConfig().unpack(HttpConnectionManager.class);
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    // --- HTTP filters

    @Test
    void addsAnHttpFilterJustBeforeTheRouterOfEveryHttpConnectionManager() {
        Patched patched = applyCleanly(override("lua", """
                - target: {type: HttpFilter}
                  operation: add
                  value:
                    name: envoy.filters.http.lua
                    typed_config:
                      "@type": type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua
                      default_source_code: {inline_string: "function envoy_on_request(h) end"}
                """));

        String lua = "envoy.filters.http.lua";
        String router = "envoy.filters.http.router";
        assertThat(Fixtures.httpFilterNames(listener(patched, "outbound"))).containsExactly(List.of(lua, router));
        assertThat(Fixtures.httpFilterNames(listener(patched, "inbound")))
                .containsExactly(List.of("envoy.filters.http.rbac", lua, router));
        assertThat(Fixtures.httpFilterNames(listener(patched, "web.shop.svc.cluster.local:8080")))
                .as("the proxyless gRPC client (API) listener").containsExactly(List.of(lua, router));
        assertThat(Fixtures.httpFilterNames(listener(patched, Fixtures.GRPC_SERVER)))
                .as("the proxyless gRPC server listener").containsExactly(List.of(lua, router));
    }

    @Test
    void changesTheHttpFiltersOfOneListenerOnly() {
        Patched patched = applyCleanly(override("rbac", """
                - target: {type: HttpFilter, listener: inbound, name: envoy.filters.http.rbac}
                  operation: remove
                - target: {type: HttpFilter, listener: inbound, name: envoy.filters.http.router}
                  operation: merge
                  value:
                    typed_config:
                      "@type": type.googleapis.com/envoy.extensions.filters.http.router.v3.Router
                      suppress_envoy_headers: true
                """));

        assertThat(Fixtures.httpFilterNames(listener(patched, "inbound")))
                .containsExactly(List.of("envoy.filters.http.router"));
        assertThat(listener(patched, "outbound")).isEqualTo(GENERATED.listeners().get(0));
    }

    // --- selectors

    static Stream<Arguments> selectors() {
        return Stream.of(
                arguments("the override's namespace (no selector conditions)", "{}", true),
                arguments("another namespace", "{namespace: billing}", false),
                arguments("every namespace", "{namespace: \"*\"}", true),
                arguments("its ServiceAccount", "{serviceAccount: web}", true),
                arguments("another ServiceAccount", "{serviceAccount: api}", false),
                arguments("a label it carries", "{labels: {version: v1}}", true),
                arguments("a label value it does not carry", "{labels: {version: v2}}", false),
                arguments("a label it lacks", "{labels: {canary: \"true\"}}", false),
                arguments("all of several conditions", "{namespace: shop, serviceAccount: web, labels: {app: web}}",
                        true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void selectors(String name, String selector, boolean selected) {
        Patched patched = apply(WEB, override("selected", selector, """
                - target: {type: Cluster, name: "shop/web:8080"}
                  operation: remove
                """));

        assertThat(patched.resources().clusters()).hasSize(selected ? 1 : 2);
        assertThat(patched.diagnostics()).isEmpty();
    }

    // --- failures

    @Test
    void aFailingOverrideIsLeftOutWholeWhileTheOthersApply() {
        Patched patched = apply(override("a-breaks", """
                - target: {type: Cluster}
                  operation: add
                  value: {name: extra, connect_timeout: 1s}
                - target: {type: Cluster, name: "shop/web:8080"}
                  operation: merge
                  value:
                    connect_timeout: 0s
                """) + "---\n" + override("b-fine", """
                - target: {type: Cluster, name: "shop/api:9090"}
                  operation: merge
                  value: {connect_timeout: 3s}
                """));

        assertThat(patched.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.severity()).isEqualTo(Severity.ERROR);
            assertThat(d.file()).isEqualTo(Fixtures.FILE);
            assertThat(d.line()).isEqualTo(11);
            assertThat(d.pointer()).isEqualTo("/spec/patches/1/value");
            assertThat(d.resource()).isEqualTo("EnvoyOverride/shop/a-breaks");
            assertThat(d.message()).isEqualTo("spec.patches[1] (merge Cluster \"shop/web:8080\") failed for workload"
                    + " shop/web: the patched Cluster \"shop/web:8080\" would be rejected by Envoy:"
                    + " connect_timeout must"
                    + " be greater than 0s, not 0s (an Envoy validation rule). EnvoyOverride/shop/a-breaks is not"
                    + " applied to this workload, which is served without it");
        });
        assertThat(patched.resources().clusters()).as("the cluster a-breaks added is gone with it")
                .extracting(Cluster::getName).containsExactly("shop/web:8080", "shop/api:9090");
        assertThat(cluster(patched, "shop/web:8080")).isEqualTo(GENERATED.clusters().get(0));
        assertThat(cluster(patched, "shop/api:9090").getConnectTimeout()).isEqualTo(Fixtures.seconds(3, 0));
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                arguments("an added cluster that exists", """
                        - target: {type: Cluster}
                          operation: add
                          value: {name: "shop/web:8080", connect_timeout: 1s}
                        """, 8, "Cluster \"shop/web:8080\" already exists in this workload's config; to change it,"
                                + " merge or replace it"),
                arguments("an added virtual host that exists", """
                        - target: {type: VirtualHost, routeConfiguration: outbound:8080}
                          operation: add
                          value: {name: web, domains: [web2]}
                        """, 8, "RouteConfiguration \"outbound:8080\" already has a VirtualHost named \"web\""),
                arguments("an added HTTP filter that exists", """
                        - target: {type: HttpFilter, listener: inbound}
                          operation: add
                          value: {name: envoy.filters.http.rbac}
                        """, 8, "Listener \"inbound\" already has an HTTP filter named \"envoy.filters.http.rbac\""),
                arguments("a domain served by two virtual hosts", """
                        - target: {type: VirtualHost, name: api}
                          operation: merge
                          value: {domains: [web]}
                        """, 8, "the patched RouteConfiguration \"outbound:8080\" would be rejected by Envoy: domain"
                                + " \"web\" is served by both VirtualHost \"web\" and VirtualHost \"api\""),
                arguments("a merged typed config that breaks a rule inside it", """
                        - target: {type: Listener, name: outbound}
                          operation: merge
                          value:
                            filter_chains:
                            - filters:
                              - name: envoy.filters.network.tcp_proxy
                                typed_config:
                                  "@type": type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy
                                  cluster: legacy
                        """, 8, "filter_chains[1].filters[0].typed_config.stat_prefix is empty; it needs at least 1"
                                + " character(s)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void failures(String name, String patches, int line, String words) {
        Patched patched = apply(override("broken", patches));

        assertThat(patched.diagnostics()).as(name).singleElement().satisfies(d -> {
            assertThat(d.severity()).isEqualTo(Severity.ERROR);
            assertThat(d.line()).isEqualTo(line);
            assertThat(d.message()).contains(words);
        });
        assertThat(patched.resources()).isEqualTo(GENERATED);
    }

    @Test
    void aProblemTheGeneratedResourceAlreadyHadIsNotTheOverridesDoing() {
        RouteConfiguration withoutDomains = GENERATED.routeConfigurations().get(0).toBuilder()
                .addVirtualHosts(VirtualHost.newBuilder().setName("no-domains"))
                .build();
        EnvoyResources generated = new EnvoyResources(GENERATED.listeners(), GENERATED.clusters(),
                List.of(withoutDomains, GENERATED.routeConfigurations().get(1)));

        Patched patched = new OverrideApplier().apply(generated, WEB, Fixtures.valid(override("retries", """
                - target: {type: VirtualHost, name: web}
                  operation: merge
                  value: {retry_policy: {num_retries: 2}}
                """)));

        assertThat(patched.diagnostics()).isEmpty();
        assertThat(host(patched, "outbound:8080", "web").getRetryPolicy().getNumRetries().getValue()).isEqualTo(2);
    }

    @Test
    void aPatchThatMatchesNothingIsAWarningAndTheRestOfItsOverrideApplies() {
        Patched patched = apply(override("tuning", """
                - target: {type: Cluster, name: nowhere}
                  operation: remove
                - target: {type: VirtualHost, routeConfiguration: nowhere-http}
                  operation: add
                  value: {name: extra, domains: [extra]}
                - target: {type: Cluster, name: "shop/api:9090"}
                  operation: remove
                """));

        assertThat(patched.diagnostics()).extracting(Diagnostic::severity, Diagnostic::line, Diagnostic::message)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Severity.WARNING, 6, "spec.patches[0] (remove Cluster"
                                + " \"nowhere\") matched nothing in the config of workload shop/web;"
                                + " it changed nothing"),
                        org.assertj.core.groups.Tuple.tuple(Severity.WARNING, 10, "spec.patches[1] (add VirtualHost"
                                + " \"extra\" in RouteConfiguration \"nowhere-http\") matched nothing in the config of"
                                + " workload shop/web; it changed nothing"));
        assertThat(patched.resources().clusters()).extracting(Cluster::getName).containsExactly("shop/web:8080");
    }

    // --- order and determinism

    @Test
    void overridesApplyByNamespaceThenNameWhateverOrderTheyAreGivenIn() {
        List<ValidOverride> overrides = new ArrayList<>(Fixtures.valid(override("b-later", """
                - target: {type: Cluster, name: "shop/web:8080"}
                  operation: merge
                  value: {connect_timeout: 3s}
                """) + "---\n" + override("a-first", """
                - target: {type: Cluster, name: "shop/web:8080"}
                  operation: merge
                  value: {connect_timeout: 2s, lb_policy: RANDOM}
                """)));
        Patched forward = new OverrideApplier().apply(GENERATED, WEB, overrides);
        Collections.reverse(overrides);
        Patched backward = new OverrideApplier().apply(GENERATED, WEB, overrides);

        Cluster web = cluster(forward, "shop/web:8080");
        assertThat(web.getConnectTimeout()).as("b-later applies last").isEqualTo(Fixtures.seconds(3, 0));
        assertThat(web.getLbPolicy()).isEqualTo(Cluster.LbPolicy.RANDOM);
        assertThat(backward).isEqualTo(forward);
    }

    @Test
    void theSameInputGivesTheSameBytes() {
        String yaml = override("tuning", """
                - target: {type: HttpFilter}
                  operation: add
                  value: {name: envoy.filters.http.cors}
                - target: {type: Cluster}
                  operation: merge
                  value:
                    metadata: {filter_metadata: {b: {x: 1}, a: {y: 2}}}
                """);
        Patched first = apply(yaml);
        Patched second = apply(yaml);

        assertThat(second).isEqualTo(first);
        for (int i = 0; i < first.resources().listeners().size(); i++) {
            assertThat(second.resources().listeners().get(i).toByteString())
                    .isEqualTo(first.resources().listeners().get(i).toByteString());
        }
        assertThat(cluster(first, "shop/web:8080").getMetadata().getFilterMetadataMap().keySet())
                .as("map entries in written order").containsExactly("b", "a");
    }

    @Test
    void nothingSelectedLeavesTheConfigAsGenerated() {
        Patched patched = apply(new Workload("billing", "invoices", Map.of()), override("tuning", """
                - target: {type: Cluster}
                  operation: remove
                """));

        assertThat(patched).isEqualTo(new Patched(GENERATED, List.of()));
    }
}
