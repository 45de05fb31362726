package io.gitmesh.xds;

import static io.gitmesh.xds.testing.GrpcResources.clientListener;
import static io.gitmesh.xds.testing.GrpcResources.edsCluster;
import static io.gitmesh.xds.testing.GrpcResources.endpoints;
import static io.gitmesh.xds.testing.GrpcResources.weightedRoute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.envoyproxy.controlplane.cache.Resources.ResourceType;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.DataSource;
import io.envoyproxy.envoy.config.core.v3.Metadata;
import io.envoyproxy.envoy.config.listener.v3.Filter;
import io.envoyproxy.envoy.config.listener.v3.FilterChain;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.Rds;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.Secret;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.TlsCertificate;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProxyConfigTest {

    @Test
    void aResourceVersionIsTheSha256OfItsSerialization() throws Exception {
        Cluster cluster = edsCluster("bookstore-v1");
        byte[] sha256 = MessageDigest.getInstance("SHA-256").digest(cluster.toByteArray());

        ProxyConfig config = ProxyConfig.builder().clusters(List.of(cluster)).build();

        assertThat(config.resources(ResourceType.CLUSTER).resources().get("bookstore-v1").version())
                .isEqualTo(HexFormat.of().formatHex(sha256));
    }

    @Test
    void versionsDoNotDependOnTheJvmOrTheInsertionOrder() {
        ProxyConfig config = ProxyConfig.builder()
                .clusters(List.of(edsCluster("b"), edsCluster("a")))
                .build();
        ProxyConfig reordered = ProxyConfig.builder()
                .clusters(List.of(edsCluster("a"), edsCluster("b")))
                .build();

        assertThat(reordered.version(ResourceType.CLUSTER)).isEqualTo(config.version(ResourceType.CLUSTER));
        assertThat(reordered).isEqualTo(config);
        assertThat(config.clusters()).extracting(Cluster::getName).containsExactly("a", "b");
        // a literal: the same on every replica and after every restart
        assertThat(config.version(ResourceType.CLUSTER))
                .isEqualTo("666a552288ef58bec866765e32e3185c7cb08f4206920299c8a07adcfaea4307");
    }

    @Test
    void mapEntriesInAnotherOrderGiveTheSameVersion() {
        Struct ab = Struct.newBuilder().putFields("a", text("1")).putFields("b", text("2")).build();
        Struct ba = Struct.newBuilder().putFields("b", text("2")).putFields("a", text("1")).build();

        assertThat(ContentHash.of(clusterWithMetadata(ab))).isEqualTo(ContentHash.of(clusterWithMetadata(ba)));
    }

    @Test
    void addingSecretsKeepsEveryOtherTypeAsItWas() {
        ProxyConfig translated = bookstore(edsCluster("v1"));
        Secret secret = Secret.newBuilder().setName("trust-bundle:cluster.local").build();

        ProxyConfig withSecrets = translated.withSecrets(List.of(secret));

        for (ResourceType type : List.of(ResourceType.CLUSTER, ResourceType.ENDPOINT, ResourceType.LISTENER,
                ResourceType.ROUTE)) {
            assertThat(withSecrets.resources(type)).isSameAs(translated.resources(type));
        }
        assertThat(withSecrets.secrets()).containsExactly(secret);
        assertThat(withSecrets.version(ResourceType.SECRET)).isNotEqualTo(translated.version(ResourceType.SECRET));
    }

    @Test
    void changingOneClusterChangesOnlyTheClusterVersion() {
        ProxyConfig before = bookstore(edsCluster("v1"));
        ProxyConfig after = bookstore(edsCluster("v1").toBuilder().setLbPolicy(Cluster.LbPolicy.RANDOM).build());

        assertThat(after.version(ResourceType.CLUSTER)).isNotEqualTo(before.version(ResourceType.CLUSTER));
        assertThat(after.version(ResourceType.LISTENER)).isEqualTo(before.version(ResourceType.LISTENER));
        assertThat(after.version(ResourceType.ROUTE)).isEqualTo(before.version(ResourceType.ROUTE));
        assertThat(after.version(ResourceType.ENDPOINT)).isEqualTo(before.version(ResourceType.ENDPOINT));
        assertThat(after.version()).isNotEqualTo(before.version());
    }

    @Test
    void twoResourcesOfOneTypeMayNotShareAName() {
        ProxyConfig.Builder builder = ProxyConfig.builder().clusters(List.of(edsCluster("a"), edsCluster("a")));

        assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("two clusters are named \"a\"");
    }

    @Test
    void aResourceNeedsAName() {
        ProxyConfig.Builder builder = ProxyConfig.builder().routes(List.of(RouteConfiguration.getDefaultInstance()));

        assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a route has no name");
    }

    static Stream<Arguments> references() {
        Listener chainListener = Listener.newBuilder().setName("outbound")
                .addFilterChains(FilterChain.newBuilder().addFilters(hcmFilter("outbound-route"))).build();
        Listener defaultChainListener = Listener.newBuilder().setName("outbound")
                .setDefaultFilterChain(FilterChain.newBuilder().addFilters(hcmFilter("fallback-route"))).build();
        Cluster renamedEds = edsCluster("v1").toBuilder()
                .setEdsClusterConfig(edsCluster("v1").getEdsClusterConfig().toBuilder().setServiceName("v1-endpoints"))
                .build();
        Cluster staticCluster = Cluster.newBuilder()
                .setName("passthrough")
                .setType(Cluster.DiscoveryType.STATIC)
                .build();
        return Stream.of(
                Arguments.of("consistent", bookstore(edsCluster("v1")), List.of()),
                Arguments.of("API listener without its route", ProxyConfig.builder()
                        .listeners(List.of(clientListener("bookstore", "bookstore-route"))).build(),
                        List.of(lacks("bookstore", "bookstore-route"))),
                Arguments.of("filter chain without its route",
                        ProxyConfig.builder().listeners(List.of(chainListener)).build(),
                        List.of(lacks("outbound", "outbound-route"))),
                Arguments.of("default filter chain without its route",
                        ProxyConfig.builder().listeners(List.of(defaultChainListener)).build(),
                        List.of(lacks("outbound", "fallback-route"))),
                Arguments.of("EDS clusters without endpoints", ProxyConfig.builder()
                        .clusters(List.of(edsCluster("v2"), renamedEds)).build(),
                        List.of("cluster \"v1\" uses endpoints \"v1-endpoints\", which the config lacks",
                                "cluster \"v2\" uses endpoints \"v2\", which the config lacks")),
                Arguments.of("EDS service name present", ProxyConfig.builder().clusters(List.of(renamedEds))
                        .endpoints(List.of(endpoints("v1-endpoints", List.of(8080)))).build(), List.of()),
                Arguments.of("static cluster needs no endpoints", ProxyConfig.builder()
                        .clusters(List.of(staticCluster)).build(), List.of()),
                Arguments.of("unused route and endpoints are fine", ProxyConfig.builder()
                        .routes(List.of(weightedRoute("spare", "spare", new LinkedHashMap<>())))
                        .endpoints(List.of(endpoints("spare", List.of()))).build(), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("references")
    void findsDanglingRdsAndEdsReferences(String name, ProxyConfig config, List<String> problems) {
        assertThat(config.missingReferences()).isEqualTo(problems);
    }

    @Test
    void anHttpConnectionManagerThatDoesNotParseIsAProblem() {
        Any broken = Any.newBuilder()
                .setTypeUrl("type.googleapis.com/" + HttpConnectionManager.getDescriptor().getFullName())
                .setValue(ByteString.copyFromUtf8("\u00ff\u00ff not protobuf"))
                .build();
        Listener listener = Listener.newBuilder().setName("broken")
                .addFilterChains(FilterChain.newBuilder()
                        .addFilters(Filter.newBuilder().setName("hcm").setTypedConfig(broken)))
                .build();

        assertThat(ProxyConfig.builder().listeners(List.of(listener)).build().missingReferences())
                .singleElement().asString()
                .startsWith("listener \"broken\" has an HTTP connection manager that does not parse");
    }

    @Test
    void retainingKeepsNewListenersAndEverythingElseOfBoth() {
        ProxyConfig previous = ProxyConfig.builder()
                .listeners(List.of(clientListener("old", "old-route")))
                .routes(List.of(weightedRoute("old-route", "old", weights("v1", 100))))
                .clusters(List.of(edsCluster("v1"), edsCluster("shared")))
                .endpoints(List.of(endpoints("v1", List.of(1)), endpoints("shared", List.of(1))))
                .build();
        ProxyConfig next = ProxyConfig.builder()
                .listeners(List.of(clientListener("new", "new-route")))
                .routes(List.of(weightedRoute("new-route", "new", weights("v2", 100))))
                .clusters(List.of(edsCluster("v2"), edsCluster("shared")))
                .endpoints(List.of(endpoints("v2", List.of(2)), endpoints("shared", List.of(2))))
                .build();

        ProxyConfig step = next.retaining(previous);

        assertThat(step.listeners()).extracting(Listener::getName).containsExactly("new");
        assertThat(step.routes()).extracting(RouteConfiguration::getName).containsExactly("new-route", "old-route");
        assertThat(step.clusters()).extracting(Cluster::getName).containsExactly("shared", "v1", "v2");
        assertThat(step.endpoints()).filteredOn(e -> e.getClusterName().equals("shared")).singleElement()
                .isEqualTo(endpoints("shared", List.of(2)));
        assertThat(step.missingReferences()).isEmpty();
        assertThat(next.retaining(next)).isEqualTo(next);
    }

    @Test
    void retainingWhatRemovesNothingIsTheNewConfigItself() {
        ProxyConfig previous = ProxyConfig.builder()
                .listeners(List.of(clientListener("old", "route")))
                .routes(List.of(weightedRoute("route", "old", weights("v1", 100))))
                .clusters(List.of(edsCluster("v1")))
                .endpoints(List.of(endpoints("v1", List.of(1))))
                .build();
        ProxyConfig next = ProxyConfig.builder()
                .listeners(List.of(clientListener("new", "route")))
                .routes(List.of(weightedRoute("route", "new", weights("v2", 100))))
                .clusters(List.of(edsCluster("v1"), edsCluster("v2")))
                .endpoints(List.of(endpoints("v1", List.of(2)), endpoints("v2", List.of(3))))
                .build();

        assertThat(next.retaining(previous)).isSameAs(next);
    }

    @Test
    void anInternerSharesEqualResourcesBetweenConfigsWithoutChangingAVersion() {
        ResourceInterner interner = new ResourceInterner();
        ProxyConfig first = ProxyConfig.builder().clusters(List.of(edsCluster("a"), edsCluster("b"))).build(interner);
        ProxyConfig second = ProxyConfig.builder().clusters(List.of(edsCluster("b"), edsCluster("c"))).build(interner);
        ProxyConfig alone = ProxyConfig.builder().clusters(List.of(edsCluster("b"), edsCluster("c"))).build();

        assertThat(second.resources(ResourceType.CLUSTER).resources().get("b"))
                .isSameAs(first.resources(ResourceType.CLUSTER).resources().get("b"));
        assertThat(interner.size()).isEqualTo(3);
        assertThat(second.version()).isEqualTo(alone.version());
    }

    @Test
    void missingReferencesAreComputedOnce() {
        ProxyConfig config = ProxyConfig.builder().listeners(List.of(clientListener("l", "absent"))).build();

        assertThat(config.missingReferences()).hasSize(1).isSameAs(config.missingReferences());
    }

    @Test
    void toStringShowsCountsAndVersionsButNoSecret() {
        Secret secret = Secret.newBuilder().setName("workload-cert")
                .setTlsCertificate(TlsCertificate.newBuilder()
                        .setPrivateKey(DataSource.newBuilder().setInlineString("-----BEGIN PRIVATE KEY----- s3cr3t")))
                .build();

        String text = ProxyConfig.builder().secrets(List.of(secret)).build().toString();

        assertThat(text).contains("secrets=1@").doesNotContain("s3cr3t").doesNotContain("workload-cert");
    }

    private static ProxyConfig bookstore(Cluster cluster) {
        return ProxyConfig.builder()
                .listeners(List.of(clientListener("bookstore", "bookstore-route")))
                .routes(List.of(weightedRoute("bookstore-route", "bookstore", weights(cluster.getName(), 100))))
                .clusters(List.of(cluster))
                .endpoints(List.of(endpoints(cluster.getName(), List.of(8080))))
                .build();
    }

    private static String lacks(String listener, String route) {
        return "listener \"" + listener + "\" uses route configuration \"" + route + "\", which the config lacks";
    }

    private static LinkedHashMap<String, Integer> weights(String cluster, int weight) {
        LinkedHashMap<String, Integer> weights = new LinkedHashMap<>();
        weights.put(cluster, weight);
        return weights;
    }

    private static Filter hcmFilter(String routeConfig) {
        return Filter.newBuilder()
                .setName("envoy.filters.network.http_connection_manager")
                .setTypedConfig(Any.pack(HttpConnectionManager.newBuilder()
                        .setRds(Rds.newBuilder().setRouteConfigName(routeConfig)).build()))
                .build();
    }

    private static Cluster clusterWithMetadata(Struct fields) {
        return edsCluster("meta").toBuilder()
                .setMetadata(Metadata.newBuilder().putFilterMetadata("gitmesh", fields))
                .build();
    }

    private static Value text(String text) {
        return Value.newBuilder().setStringValue(text).build();
    }
}
