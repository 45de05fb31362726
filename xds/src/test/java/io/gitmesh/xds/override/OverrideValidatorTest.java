package io.gitmesh.xds.override;

import static io.gitmesh.xds.override.Fixtures.override;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.google.protobuf.Any;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import io.envoyproxy.envoy.extensions.filters.http.lua.v3.Lua;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter;
import io.gitmesh.schema.Diagnostic;
import io.gitmesh.schema.Severity;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Patch values against the real Envoy types: each mistake with the file, line, pointer and words of
 * its diagnostic; good values of every target type with the type they parse into.
 */
class OverrideValidatorTest {

    private static ValidatedOverrides validate(String yaml) {
        return new OverrideValidator().validate(Fixtures.overrides(yaml));
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                arguments("a misspelt field", """
                        - target: {type: Cluster, name: web}
                          operation: merge
                          value:
                            conect_timeout: 2s
                        """, 9, "/spec/patches/0/value/conect_timeout", "unknown field \"conect_timeout\" in"
                                + " spec.patches[0].value (envoy.config.cluster.v3.Cluster has no such field; Envoy"
                                + " would reject it); did you mean \"connect_timeout\"?"),
                arguments("an unknown field deep inside", """
                        - target: {type: Cluster, name: web}
                          operation: merge
                          value:
                            circuit_breakers:
                              thresholds:
                              - max_connections: 100
                                max_connection_pool: 10
                        """, 12, "/spec/patches/0/value/circuit_breakers/thresholds/0/max_connection_pool",
                        "unknown field \"max_connection_pool\" in spec.patches[0].value.circuit_breakers.thresholds[0]"
                                + " (envoy.config.cluster.v3.CircuitBreakers.Thresholds has no such field"),
                arguments("an unknown field inside a typed config", """
                        - target: {type: HttpFilter, name: envoy.filters.http.rbac}
                          operation: replace
                          value:
                            typed_config:
                              "@type": type.googleapis.com/envoy.extensions.filters.http.rbac.v3.RBAC
                              rulez: {}
                        """, 11, "/spec/patches/0/value/typed_config/rulez", "unknown field \"rulez\" in"
                                + " spec.patches[0].value.typed_config (envoy.extensions.filters.http.rbac.v3.RBAC has"
                                + " no such field; Envoy would reject it); did you mean \"rules\"?"),
                arguments("an unknown @type", """
                        - target: {type: HttpFilter, listener: inbound}
                          operation: add
                          value:
                            name: envoy.filters.http.lua
                            typed_config:
                              "@type": type.googleapis.com/envoy.extensions.filters.http.lua.v3.LuaFilter
                        """, 11, "/spec/patches/0/value/typed_config/@type", "unknown @type"
                                + " \"type.googleapis.com/envoy.extensions.filters.http.lua.v3.LuaFilter\" in"
                                + " spec.patches[0].value.typed_config: no type of the Envoy API is named"
                                + " \"envoy.extensions.filters.http.lua.v3.LuaFilter\""),
                arguments("a typed config without @type", """
                        - target: {type: HttpFilter, listener: inbound}
                          operation: add
                          value:
                            name: envoy.filters.http.lua
                            typed_config: {default_source_code: {inline_string: "x"}}
                        """, 10, "/spec/patches/0/value/typed_config", "spec.patches[0].value.typed_config has no"
                                + " \"@type\": a typed config names its type"),
                arguments("a value for another target type", """
                        - target: {type: Cluster, name: web}
                          operation: merge
                          value:
                            filter_chains: []
                        """, 9, "/spec/patches/0/value/filter_chains", "unknown field \"filter_chains\" in"
                                + " spec.patches[0].value (envoy.config.cluster.v3.Cluster has no such field; Envoy"
                                + " would reject it); \"filter_chains\" is a field of Listener: is target.type right?"),
                arguments("a mapping where a list belongs", """
                        - target: {type: Cluster, name: web}
                          operation: merge
                          value:
                            circuit_breakers:
                              thresholds: {max_connections: 100}
                        """, 10, "/spec/patches/0/value/circuit_breakers/thresholds",
                        "spec.patches[0].value.circuit_breakers.thresholds must be a list, not a mapping"),
                arguments("a number where a message belongs", """
                        - target: {type: Cluster, name: web}
                          operation: merge
                          value: {circuit_breakers: 5}
                        """, 8, "/spec/patches/0/value/circuit_breakers", "spec.patches[0].value.circuit_breakers"
                                + " must be a mapping (the fields of envoy.config.cluster.v3.CircuitBreakers), not 5"),
                arguments("a duration without a unit", """
                        - target: {type: Cluster, name: web}
                          operation: merge
                          value:
                            connect_timeout: 5
                        """, 9, "/spec/patches/0/value/connect_timeout", "spec.patches[0].value.connect_timeout 5 is"
                                + " not a duration: write seconds with an s, like \"5s\" or \"0.250s\""),
                arguments("an enum value Envoy does not have", """
                        - target: {type: Cluster, name: web}
                          operation: merge
                          value:
                            lb_policy: ROUND_ROBBIN
                        """, 9, "/spec/patches/0/value/lb_policy", "spec.patches[0].value.lb_policy \"ROUND_ROBBIN\""
                                + " is not a value of envoy.config.cluster.v3.Cluster.LbPolicy:"
                                + " use one of [ROUND_ROBIN,"),
                arguments("a negative unsigned number", """
                        - target: {type: Cluster, name: web}
                          operation: merge
                          value:
                            per_connection_buffer_limit_bytes: -1
                        """, 9, "/spec/patches/0/value/per_connection_buffer_limit_bytes",
                        "spec.patches[0].value.per_connection_buffer_limit_bytes -1 is not a valid"
                                + " google.protobuf.UInt32Value"),
                arguments("two alternatives of a oneof", """
                        - target: {type: VirtualHost, name: web}
                          operation: merge
                          value:
                            routes:
                            - match: {prefix: /}
                              route: {cluster: a}
                              redirect: {path_redirect: /b}
                        """, 12, "/spec/patches/0/value/routes/0/redirect", "\"redirect\" and \"route\" are"
                                + " alternatives (oneof action of envoy.config.route.v3.Route);"
                                + " write only one of them"),
                arguments("one field in both spellings", """
                        - target: {type: Cluster, name: web}
                          operation: merge
                          value:
                            connect_timeout: 1s
                            connectTimeout: 2s
                        """, 10, "/spec/patches/0/value/connectTimeout", "\"connectTimeout\" and \"connect_timeout\""
                                + " are the same field of envoy.config.cluster.v3.Cluster; write it once"),
                arguments("a replacement that breaks an Envoy rule", """
                        - target: {type: VirtualHost, name: web}
                          operation: replace
                          value:
                            domains: []
                        """, 9, "/spec/patches/0/value/domains", "spec.patches[0].value.domains needs at least 1"
                                + " items, has 0 (an Envoy validation rule)"),
                arguments("an added cluster that breaks an Envoy rule", """
                        - target: {type: Cluster}
                          operation: add
                          value:
                            name: extra
                            connect_timeout: 0s
                        """, 10, "/spec/patches/0/value/connect_timeout", "spec.patches[0].value.connect_timeout must"
                                + " be greater than 0s, not 0s (an Envoy validation rule)"),
                arguments("an Envoy rule inside a typed config", """
                        - target: {type: Listener}
                          operation: add
                          value:
                            name: extra
                            filter_chains:
                            - filters:
                              - name: envoy.filters.network.http_connection_manager
                                typed_config:
                                  "@type": type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager
                                  stat_prefix: extra
                        """, 13, "/spec/patches/0/value/filter_chains/0/filters/0/typed_config",
                        "spec.patches[0].value.filter_chains[0].filters[0].typed_config needs one of rds,"
                                + " route_config, scoped_routes"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void mistakes(String name, String patches, int line, String pointer, String words) {
        ValidatedOverrides validated = validate(override("tuning", patches));

        assertThat(validated.diagnostics()).as(name).singleElement().satisfies(d -> {
            assertThat(d.severity()).isEqualTo(Severity.ERROR);
            assertThat(d.file()).isEqualTo(Fixtures.FILE);
            assertThat(d.line()).isEqualTo(line);
            assertThat(d.pointer()).isEqualTo(pointer);
            assertThat(d.resource()).isEqualTo("EnvoyOverride/shop/tuning");
            assertThat(d.message()).contains(words);
        });
        assertThat(validated.valid()).as("an override with an error is not fit to apply").isEmpty();
    }

    static Stream<Arguments> goodValues() {
        return Stream.of(
                arguments("Cluster: a connect timeout and a circuit breaker", """
                        - target: {type: Cluster, name: "shop/web:8080"}
                          operation: merge
                          value:
                            connect_timeout: 0.25s
                            circuit_breakers:
                              thresholds:
                              - {priority: DEFAULT, max_connections: 100, max_pending_requests: 10, max_retries: 0}
                        """, Cluster.class),
                arguments("Listener: camelCase names, a buffer limit", """
                        - target: {type: Listener, match: {port: 15003}}
                          operation: merge
                          value: {perConnectionBufferLimitBytes: 32768}
                        """, Listener.class),
                arguments("RouteConfiguration: a header on every response", """
                        - target: {type: RouteConfiguration, name: outbound:8080}
                          operation: merge
                          value:
                            response_headers_to_add:
                            - header: {key: x-mesh, value: gitmesh}
                              append_action: OVERWRITE_IF_EXISTS_OR_ADD
                        """, RouteConfiguration.class),
                arguments("VirtualHost: a retry policy", """
                        - target: {type: VirtualHost, routeConfiguration: outbound:8080, match: {domain: web}}
                          operation: merge
                          value:
                            retry_policy:
                              retry_on: 5xx,reset,connect-failure
                              num_retries: 3
                              per_try_timeout: 2s
                        """, VirtualHost.class),
                arguments("HttpFilter: Lua, an extension gitmesh never generates", """
                        - target: {type: HttpFilter, listener: inbound}
                          operation: add
                          value:
                            name: envoy.filters.http.lua
                            typed_config:
                              "@type": type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua
                              default_source_code:
                                inline_string: |
                                  function envoy_on_response(handle)
                                    handle:headers():add("x-served-by", "gitmesh")
                                  end
                        """, HttpFilter.class),
                arguments("Listener: a whole TCP proxy listener with TLS", """
                        - target: {type: Listener}
                          operation: add
                          value:
                            name: legacy-db
                            address: {socket_address: {address: 127.0.0.1, port_value: 5433}}
                            filter_chains:
                            - filters:
                              - name: envoy.filters.network.tcp_proxy
                                typed_config:
                                  "@type": type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy
                                  stat_prefix: legacy-db
                                  cluster: "shop/db:5432"
                              transport_socket:
                                name: envoy.transport_sockets.tls
                                typed_config:
                                  "@type": type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext
                                  require_client_certificate: true
                        """, Listener.class),
                arguments("HttpFilter: a typed struct (xds.type.v3)", """
                        - target: {type: HttpFilter, name: envoy.filters.http.rbac}
                          operation: replace
                          value:
                            typed_config:
                              "@type": type.googleapis.com/xds.type.v3.TypedStruct
                              type_url: type.googleapis.com/envoy.extensions.filters.http.rbac.v3.RBAC
                              value: {rules: {action: ALLOW}}
                        """, HttpFilter.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void goodValues(String name, String patches, Class<?> parsedType) {
        List<ValidOverride> valid = Fixtures.valid(override("tuning", patches));

        assertThat(valid).singleElement().satisfies(o -> assertThat(o.patches()).singleElement()
                .satisfies(p -> assertThat(p.value()).get().isInstanceOf(parsedType)));
    }

    @Test
    void aTypedConfigParsesIntoTheTypeItNames() {
        ValidPatch patch = Fixtures.valid(override("tuning", """
                - target: {type: HttpFilter, listener: inbound}
                  operation: add
                  value:
                    name: envoy.filters.http.lua
                    typed_config:
                      "@type": type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua
                      default_source_code: {inline_string: "function envoy_on_request(h) end"}
                """)).getFirst().patches().getFirst();

        Any config = ((HttpFilter) patch.value().orElseThrow()).getTypedConfig();
        assertThat(config.is(Lua.class)).isTrue();
    }

    @Test
    void aDeprecatedFieldIsAWarningAndTheOverrideStaysFitToApply() {
        ValidatedOverrides validated = validate(override("tuning", """
                - target: {type: Cluster, name: web}
                  operation: merge
                  value:
                    max_requests_per_connection: 100
                """));

        assertThat(validated.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.severity()).isEqualTo(Severity.WARNING);
            assertThat(d.line()).isEqualTo(9);
            assertThat(d.message()).contains("spec.patches[0].value.max_requests_per_connection is deprecated in"
                    + " Envoy's API (envoy.config.cluster.v3.Cluster.max_requests_per_connection)");
        });
        assertThat(validated.valid()).hasSize(1);
    }

    @Test
    void aBadPatchExcludesItsWholeOverrideAndNoOther() {
        ValidatedOverrides validated = validate(override("bad", """
                - target: {type: Cluster, name: web}
                  operation: merge
                  value: {connect_timeout: 2s}
                - target: {type: Cluster, name: api}
                  operation: merge
                  value: {conect_timeout: 2s}
                """) + "---\n" + override("good", """
                - target: {type: Cluster, name: web}
                  operation: remove
                """));

        assertThat(validated.diagnostics()).extracting(Diagnostic::resource).containsExactly("EnvoyOverride/shop/bad");
        assertThat(validated.valid()).extracting(o -> o.override().meta().name()).containsExactly("good");
    }

    @Test
    void everyMistakeOfAValueIsReportedAtOnceInSourceOrder() {
        ValidatedOverrides validated = validate(override("tuning", """
                - target: {type: Cluster, name: web}
                  operation: merge
                  value:
                    conect_timeout: 2s
                    lb_policy: NOPE
                    circuit_breakers: {thresholds: [{bogus: 1}]}
                """));

        assertThat(validated.diagnostics()).extracting(Diagnostic::line).containsExactly(9, 10, 11);
    }

    @Test
    void aRemoveHasNoValueToCheck() {
        List<ValidOverride> valid = Fixtures.valid(override("tuning", """
                - target: {type: Listener, name: outbound}
                  operation: remove
                """));

        assertThat(valid.getFirst().patches().getFirst().value()).isEmpty();
    }

    @Test
    void theRegistryKnowsTheTypesOfTheConfigGitmeshGenerates() {
        for (Class<?> type : List.of(HttpConnectionManager.class,
                io.envoyproxy.envoy.extensions.filters.http.router.v3.Router.class,
                io.envoyproxy.envoy.extensions.filters.http.rbac.v3.RBAC.class,
                io.envoyproxy.envoy.extensions.filters.network.rbac.v3.RBAC.class,
                io.envoyproxy.envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy.class,
                io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext.class,
                io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext.class,
                io.envoyproxy.envoy.config.core.v3.HealthCheck.HttpHealthCheck.class,
                com.github.udpa.udpa.type.v1.TypedStruct.class, com.google.protobuf.Struct.class)) {
            String fullName = type.getName().replace('$', '.')
                    .replaceFirst("^io\\.envoyproxy\\.", "").replaceFirst("^com\\.github\\.udpa\\.", "")
                    .replaceFirst("^com\\.google\\.", "google.");
            assertThat(EnvoyTypes.find("type.googleapis.com/" + fullName)).as(fullName)
                    .hasValueSatisfying(d -> assertThat(d.getFullName()).isEqualTo(fullName));
        }
    }

    @Test
    void namesOutsideTheEnvoyApiAreNotTypes() {
        assertThat(EnvoyTypes.find("type.googleapis.com/java.lang.String")).isEmpty();
        assertThat(EnvoyTypes.find("type.googleapis.com/envoy.config.cluster.v3")).isEmpty();
        assertThat(EnvoyTypes.find("type.googleapis.com/envoy.config.cluster.v3.Nope")).isEmpty();
        assertThat(EnvoyTypes.find("type.googleapis.com/google.protobuf.GeneratedMessageV3")).isEmpty();
        assertThat(EnvoyTypes.find("type.googleapis.com/envoy.config.cluster.v3.Cluster.DiscoveryType"))
                .as("an enum").isEmpty();
    }
}
