package io.gitmesh.injector.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.Durations;
import com.google.protobuf.util.JsonFormat;
import io.envoyproxy.envoy.config.bootstrap.v3.Bootstrap;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.HealthCheck;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.gitmesh.injector.Fixtures;
import io.gitmesh.injector.KubernetesJson;
import io.gitmesh.injector.mutate.Annotations;
import io.gitmesh.xds.NodeMetadata;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

/** The bootstrap each golden injected pod would get from its Secret. */
class SidecarBootstrapTest {
    private static final String XDS_HOST = "gitmesh.gitmesh-system.svc";
    private static final int XDS_PORT = 15018;

    /** Every injected pod of the golden files, named as the API server would name it. */
    static Stream<Arguments> injectedPods() {
        return Fixtures.names().stream().flatMap(name -> Fixtures.goldenDocuments(name).stream()
                .flatMap(document -> Fixtures.podOf(document).stream())
                .map(SidecarBootstrapTest::named)
                .filter(pod -> pod.getMetadata().getAnnotations() != null
                        && pod.getMetadata().getAnnotations().containsKey(Annotations.INJECTED))
                .map(pod -> arguments(name + ": " + pod.getMetadata().getName(), pod)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("injectedPods")
    void parsesAsAnEnvoyBootstrapWithUnknownFieldsRejected(String name, Pod pod) throws InvalidProtocolBufferException {
        String json = SidecarBootstrap.json(pod, XDS_HOST, XDS_PORT);

        Bootstrap.Builder parsed = Bootstrap.newBuilder();
        JsonFormat.parser().usingTypeRegistry(SidecarBootstrap.typeRegistry()).merge(json, parsed);

        assertThat(parsed.build()).isEqualTo(SidecarBootstrap.build(pod, XDS_HOST, XDS_PORT));
        assertThat(parsed.getNode().getId()).isEqualTo(pod.getMetadata().getNamespace() + "/"
                + pod.getMetadata().getName());
        assertThat(listenerNames(parsed.build())).containsExactly("gitmesh-metrics", "gitmesh-probe-liveness",
                "gitmesh-probe-readiness", "gitmesh-probe-startup");
    }

    @Test
    void theStrictParserDoesRejectAnUnknownField() {
        String json = SidecarBootstrap.json(pod("plain-pod"), XDS_HOST, XDS_PORT)
                .replaceFirst("\\{", "{\"adminn\": {},");

        assertThatThrownBy(() -> JsonFormat.parser().usingTypeRegistry(SidecarBootstrap.typeRegistry())
                .merge(json, Bootstrap.newBuilder()))
                .isInstanceOf(InvalidProtocolBufferException.class).hasMessageContaining("adminn");
    }

    @Test
    void theNodeIsThePodAndTheXdsServerIsReachedWithTheCertificatesOfTheSecret() {
        Bootstrap bootstrap = SidecarBootstrap.build(pod("plain-pod"), XDS_HOST, XDS_PORT);

        assertThat(bootstrap.getNode().getId()).isEqualTo("bookbuyer/bookbuyer");
        assertThat(bootstrap.getNode().getMetadata().getFieldsMap().get(NodeMetadata.SERVICE_ACCOUNT)
                .getStringValue()).isEqualTo("bookbuyer");
        assertThat(bootstrap.getStaticResources().getClustersList()).anySatisfy(cluster -> {
            assertThat(cluster.getName()).isEqualTo("gitmesh-xds");
            assertThat(cluster.getTransportSocket().getTypedConfig().toString()).contains("/etc/gitmesh/cert.pem",
                    "/etc/gitmesh/key.pem", "/etc/gitmesh/ca.pem");
        });
    }

    @Test
    void httpProbesAreForwardedToTheirOriginalPortAndPath() {
        Bootstrap bootstrap = SidecarBootstrap.build(pod("probes-http"), XDS_HOST, XDS_PORT);

        assertThat(routes(bootstrap, "gitmesh-probe-liveness")).first().satisfies(route -> {
            assertThat(route.getMatch().getPath()).isEqualTo("/api");
            assertThat(route.getRoute().getCluster()).isEqualTo("gitmesh-probe-http:9000");
            assertThat(route.getRoute().getPrefixRewrite()).isEqualTo("/healthz?verbose=1");
        });
        assertThat(routes(bootstrap, "gitmesh-probe-readiness").getFirst().getRoute().getCluster())
                .isEqualTo("gitmesh-probe-https:8443");
        assertThat(cluster(bootstrap, "gitmesh-probe-https:8443").getTransportSocket().getName())
                .isEqualTo("envoy.transport_sockets.tls");
        assertThat(routes(bootstrap, "gitmesh-probe-startup").getLast().getDirectResponse().getStatus())
                .as("any other path").isEqualTo(404);
    }

    @Test
    void tcpProbesAreAnsweredFromTheProxysOwnConnectCheck() throws InvalidProtocolBufferException {
        Bootstrap bootstrap = SidecarBootstrap.build(pod("multiple-containers"), XDS_HOST, XDS_PORT);

        HttpConnectionManager liveness = connectionManager(bootstrap, "gitmesh-probe-liveness");
        assertThat(liveness.getHttpFiltersList()).extracting(f -> f.getName())
                .containsExactly("envoy.filters.http.health_check", "envoy.filters.http.router");
        var check = liveness.getHttpFilters(0).getTypedConfig().unpack(
                io.envoyproxy.envoy.extensions.filters.http.health_check.v3.HealthCheck.class);
        assertThat(check.getPassThroughMode().getValue()).isFalse();
        assertThat(check.getHeaders(0).getStringMatch().getExact()).isEqualTo("/cache");
        assertThat(check.getClusterMinHealthyPercentagesMap()).containsOnlyKeys("gitmesh-probe-tcp:cache/liveness");

        HealthCheck tcp = cluster(bootstrap, "gitmesh-probe-tcp:cache/liveness").getHealthChecks(0);
        assertThat(tcp.hasTcpHealthCheck()).isTrue();
        assertThat(List.of(tcp.getInterval(), tcp.getNoTrafficInterval(), tcp.getTimeout()))
                .as("the probe's period (also without traffic, which a probe cluster never has) and timeout")
                .containsExactly(Durations.fromSeconds(5), Durations.fromSeconds(5), Durations.fromSeconds(2));
    }

    @Test
    void refusesPodsThatAreNotInjectedOrNotNamedYet() {
        Pod notInjected = new PodBuilder().withNewMetadata().withName("a").withNamespace("b").endMetadata().build();
        Pod unnamed = new PodBuilder(pod("plain-pod")).editMetadata().withName(null).endMetadata().build();

        assertThatThrownBy(() -> SidecarBootstrap.build(notInjected, XDS_HOST, XDS_PORT))
                .hasMessage("the pod is not injected (no gitmesh.io/injected annotation)");
        assertThatThrownBy(() -> SidecarBootstrap.build(unnamed, XDS_HOST, XDS_PORT))
                .hasMessage("the pod has no name or namespace yet");
    }

    private static Pod pod(String fixture) {
        return named(Fixtures.podOf(Fixtures.goldenDocuments(fixture).getFirst()).orElseThrow());
    }

    private static Pod named(ObjectNode pod) {
        ObjectNode metadata = (ObjectNode) pod.get("metadata");
        if (!metadata.has("name")) {
            metadata.put("name", metadata.path("generateName").asString() + "x7k2p");
        }
        return KubernetesJson.MAPPER.treeToValue(pod, Pod.class);
    }

    private static List<String> listenerNames(Bootstrap bootstrap) {
        return bootstrap.getStaticResources().getListenersList().stream().map(Listener::getName).toList();
    }

    private static HttpConnectionManager connectionManager(Bootstrap bootstrap, String listener)
            throws InvalidProtocolBufferException {
        Map<String, Listener> byName = bootstrap.getStaticResources().getListenersList().stream()
                .collect(Collectors.toMap(Listener::getName, l -> l));
        return byName.get(listener).getFilterChains(0).getFilters(0).getTypedConfig()
                .unpack(HttpConnectionManager.class);
    }

    private static List<Route> routes(Bootstrap bootstrap, String listener) {
        try {
            return connectionManager(bootstrap, listener).getRouteConfig().getVirtualHosts(0).getRoutesList();
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    private static Cluster cluster(Bootstrap bootstrap, String name) {
        return bootstrap.getStaticResources().getClustersList().stream().filter(c -> c.getName().equals(name))
                .findFirst().orElseThrow();
    }
}
