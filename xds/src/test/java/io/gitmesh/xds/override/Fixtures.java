package io.gitmesh.xds.override;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Any;
import com.google.protobuf.Duration;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.Address;
import io.envoyproxy.envoy.config.core.v3.AggregatedConfigSource;
import io.envoyproxy.envoy.config.core.v3.ConfigSource;
import io.envoyproxy.envoy.config.core.v3.SocketAddress;
import io.envoyproxy.envoy.config.listener.v3.ApiListener;
import io.envoyproxy.envoy.config.listener.v3.Filter;
import io.envoyproxy.envoy.config.listener.v3.FilterChain;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.RouteAction;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.config.route.v3.RouteMatch;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import io.envoyproxy.envoy.extensions.filters.http.rbac.v3.RBAC;
import io.envoyproxy.envoy.extensions.filters.http.router.v3.Router;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.Rds;
import io.gitmesh.schema.PolicyRead;
import io.gitmesh.schema.PolicyReader;
import io.gitmesh.schema.SourceFile;
import io.gitmesh.schema.policy.EnvoyOverride;
import java.util.List;
import java.util.Map;

/**
 * Overrides read from YAML through the real policy reader, and the config gitmesh might generate for
 * one workload of namespace {@code shop}: an outbound HTTP listener, an inbound one with RBAC, a
 * proxyless gRPC client (API) listener, a gRPC server listener with its routes inline, two clusters
 * and two route configurations.
 */
final class Fixtures {
    static final String FILE = "overrides.yaml";
    /** The listener an xDS-enabled gRPC server on port 8080 asks for; its routes are inline. */
    static final String GRPC_SERVER = "grpc/server?xds.resource.listening_address=0.0.0.0:8080";
    static final Workload WEB = new Workload("shop", "web", Map.of("app", "web", "version", "v1"));

    private Fixtures() {
    }

    /** The EnvoyOverrides of a YAML text, which must read without any diagnostic. */
    static List<EnvoyOverride> overrides(String yaml) {
        PolicyRead read = new PolicyReader().read(List.of(new SourceFile(FILE, yaml.getBytes(UTF_8))));
        assertThat(read.diagnostics()).as("reader diagnostics").isEmpty();
        return read.policies().envoyOverrides();
    }

    /** An override in namespace shop named {@code name}; its patches start at line 6. */
    static String override(String name, String patches) {
        return """
                apiVersion: gitmesh.io/v1alpha1
                kind: EnvoyOverride
                metadata: {name: %s, namespace: shop}
                spec:
                  patches:
                %s""".formatted(name, patches.indent(2));
    }

    /** An override in namespace shop with a selector (a flow mapping); its patches start at line 7. */
    static String override(String name, String selector, String patches) {
        return """
                apiVersion: gitmesh.io/v1alpha1
                kind: EnvoyOverride
                metadata: {name: %s, namespace: shop}
                spec:
                  selector: %s
                  patches:
                %s""".formatted(name, selector, patches.indent(2));
    }

    /** Overrides that the validator must accept without any diagnostic. */
    static List<ValidOverride> valid(String yaml) {
        ValidatedOverrides validated = new OverrideValidator().validate(overrides(yaml));
        assertThat(validated.diagnostics()).as("validator diagnostics").isEmpty();
        return validated.valid();
    }

    static EnvoyResources generated() {
        return new EnvoyResources(
                List.of(listener("outbound", 15001, rds("outbound", "outbound:8080", List.of(router()))),
                        listener("inbound", 15003, rds("inbound", "inbound:8080", List.of(rbac(), router()))),
                        Listener.newBuilder().setName("web.shop.svc.cluster.local:8080")
                                .setApiListener(ApiListener.newBuilder().setApiListener(Any.pack(
                                        rds("grpc", "web.shop.svc.cluster.local:8080", List.of(router())))))
                                .build(),
                        listener(GRPC_SERVER, 8080, HttpConnectionManager.newBuilder().setStatPrefix("grpc-server")
                                .setRouteConfig(RouteConfiguration.newBuilder().setName("grpc-inbound:8080")
                                        .addVirtualHosts(host("grpc-inbound", "*")))
                                .addHttpFilters(router())
                                .build())),
                List.of(cluster("shop/web:8080", seconds(1, 500_000_000)), cluster("shop/api:9090", seconds(1, 0))),
                List.of(RouteConfiguration.newBuilder().setName("outbound:8080")
                                .addVirtualHosts(host("web", "web", "web.shop.svc.cluster.local"))
                                .addVirtualHosts(host("api", "api", "api.shop.svc.cluster.local"))
                                .build(),
                        RouteConfiguration.newBuilder().setName("inbound:8080")
                                .addVirtualHosts(host("inbound", "*"))
                                .build()));
    }

    static Listener listener(String name, int port, HttpConnectionManager manager) {
        return Listener.newBuilder()
                .setName(name)
                .setAddress(Address.newBuilder().setSocketAddress(
                        SocketAddress.newBuilder().setAddress("0.0.0.0").setPortValue(port)))
                .addFilterChains(FilterChain.newBuilder().addFilters(Filter.newBuilder()
                        .setName("envoy.filters.network.http_connection_manager")
                        .setTypedConfig(Any.pack(manager))))
                .build();
    }

    /** A connection manager that takes its routes from RDS. */
    static HttpConnectionManager rds(String statPrefix, String routeConfiguration, List<HttpFilter> filters) {
        return HttpConnectionManager.newBuilder()
                .setStatPrefix(statPrefix)
                .setRds(Rds.newBuilder().setRouteConfigName(routeConfiguration).setConfigSource(
                        ConfigSource.newBuilder().setAds(AggregatedConfigSource.getDefaultInstance())))
                .addAllHttpFilters(filters)
                .build();
    }

    static HttpFilter router() {
        return HttpFilter.newBuilder().setName("envoy.filters.http.router")
                .setTypedConfig(Any.pack(Router.getDefaultInstance())).build();
    }

    static HttpFilter rbac() {
        return HttpFilter.newBuilder().setName("envoy.filters.http.rbac")
                .setTypedConfig(Any.pack(RBAC.getDefaultInstance())).build();
    }

    static Cluster cluster(String name, Duration connectTimeout) {
        return Cluster.newBuilder()
                .setName(name)
                .setType(Cluster.DiscoveryType.EDS)
                .setEdsClusterConfig(Cluster.EdsClusterConfig.newBuilder().setEdsConfig(
                        ConfigSource.newBuilder().setAds(AggregatedConfigSource.getDefaultInstance())))
                .setConnectTimeout(connectTimeout)
                .setLbPolicy(Cluster.LbPolicy.LEAST_REQUEST)
                .build();
    }

    static VirtualHost host(String name, String... domains) {
        return VirtualHost.newBuilder()
                .setName(name)
                .addAllDomains(List.of(domains))
                .addRoutes(Route.newBuilder()
                        .setMatch(RouteMatch.newBuilder().setPrefix("/"))
                        .setRoute(RouteAction.newBuilder().setCluster("shop/" + name + ":8080")))
                .build();
    }

    static Duration seconds(long seconds, int nanos) {
        return Duration.newBuilder().setSeconds(seconds).setNanos(nanos).build();
    }

    /** The HTTP filter names of every HTTP connection manager of a listener, in order. */
    static List<List<String>> httpFilterNames(Listener listener) {
        List<Any> managers = new java.util.ArrayList<>();
        listener.getFilterChainsList()
                .forEach(chain -> chain.getFiltersList().forEach(f -> managers.add(f.getTypedConfig())));
        if (listener.hasApiListener()) {
            managers.add(listener.getApiListener().getApiListener());
        }
        return managers.stream().map(any -> {
            try {
                return any.unpack(HttpConnectionManager.class).getHttpFiltersList().stream().map(HttpFilter::getName)
                        .toList();
            } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                throw new AssertionError(e);
            }
        }).toList();
    }
}
