package io.gitmesh.schema.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitmesh.schema.Diagnostic;
import io.gitmesh.schema.policy.HeaderMatch;
import io.gitmesh.schema.policy.HttpMatch;
import io.gitmesh.schema.policy.HttpRouteGroup;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HttpRouteGroupNormalizerTest {

    /** The same two matches in each version's layout; headers in the list form or the map form. */
    static Stream<Arguments> versions() {
        String listHeaders = """
                  - name: android-insiders
                    headers:
                    - user-agent: ".*Android.*"
                    - cookie: "^(.*?;)?(type=insider)(;.*)?$"
                  - name: metrics
                    pathRegex: /metrics
                    methods: [GET, HEAD]
                """;
        String mapHeaders = """
                  - name: android-insiders
                    headers:
                      user-agent: ".*Android.*"
                      cookie: "^(.*?;)?(type=insider)(;.*)?$"
                  - name: metrics
                    pathRegex: /metrics
                    methods: [GET, HEAD]
                """;
        return Stream.of(
                Arguments.of("v1alpha1, top-level matches, header list", "v1alpha1", false, listHeaders),
                Arguments.of("v1alpha2, top-level matches, header map", "v1alpha2", false, mapHeaders),
                Arguments.of("v1alpha3, spec.matches, header map", "v1alpha3", true, mapHeaders),
                Arguments.of("v1alpha4, spec.matches, header list", "v1alpha4", true, listHeaders),
                Arguments.of("v1alpha4, spec.matches, header map", "v1alpha4", true, mapHeaders));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("versions")
    void readsEveryVersionAndBothHeaderForms(String name, String version, boolean underSpec, String matches) {
        String body = underSpec ? "spec:\n  matches:\n" + matches.indent(2) : "matches:\n" + matches.stripIndent();
        HttpRouteGroup group = Documents.policy("""
                apiVersion: specs.smi-spec.io/%s
                kind: HTTPRouteGroup
                metadata:
                  name: the-routes
                  namespace: shop
                %s""".formatted(version, body), HttpRouteGroup.class);

        String m = underSpec ? "/spec/matches" : "/matches";
        boolean list = matches.contains("- user-agent");
        String header0 = m + "/0/headers" + (list ? "/0" : "") + "/user-agent";
        String header1 = m + "/0/headers" + (list ? "/1" : "") + "/cookie";
        assertThat(group.matches()).containsExactly(
                new HttpMatch("android-insiders", null, List.of(), List.of(
                        new HeaderMatch("user-agent", ".*Android.*", header0),
                        new HeaderMatch("cookie", "^(.*?;)?(type=insider)(;.*)?$", header1)), m + "/0"),
                new HttpMatch("metrics", "/metrics", List.of("GET", "HEAD"), List.of(), m + "/1"));
        int firstMatchLine = underSpec ? 8 : 7;
        assertThat(group.origin().at(header0).line()).isEqualTo(firstMatchLine + 2);
        assertThat(group.origin().at(header1).line()).isEqualTo(firstMatchLine + 3);
        assertThat(group.meta().namespace()).isEqualTo("shop");
    }

    static Stream<Arguments> badHeaders() {
        return Stream.of(
                Arguments.of("a list item with two headers", """
                        - user-agent: ".*Android.*"
                          cookie: "type=insider"
                        """, "/spec/matches/0/headers/0",
                        "spec.matches[0].headers[0] must be a mapping with exactly one header name and its regex"),
                Arguments.of("a list item with no header", "- {}\n", "/spec/matches/0/headers/0",
                        "a mapping with 0 keys"),
                Arguments.of("a list item that is a string", "- user-agent\n", "/spec/matches/0/headers/0",
                        "not the string \"user-agent\""),
                Arguments.of("a header regex that is a number", "x-debug: 1\n", "/spec/matches/0/headers/x-debug",
                        "spec.matches[0].headers.x-debug must be a string, not the number 1 (quote it)"),
                Arguments.of("headers that are a string", "user-agent\n", "/spec/matches/0/headers",
                        "spec.matches[0].headers must be a mapping, not the string"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badHeaders")
    void reportsHeadersOfNeitherForm(String name, String headers, String pointer, String message) {
        Diagnostic d = Documents.onlyError(Documents.normalize("""
                apiVersion: specs.smi-spec.io/v1alpha4
                kind: HTTPRouteGroup
                metadata: {name: r}
                spec:
                  matches:
                  - name: m
                    headers:
                %s""".formatted(headers.indent(6))));
        assertThat(d.pointer()).isEqualTo(pointer);
        assertThat(d.line()).isEqualTo(pointer.endsWith("/headers") ? 7 : 8);
        assertThat(d.message()).contains(message);
    }
}
