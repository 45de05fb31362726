package io.gitmesh.injector.mutate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProbeTargetsTest {
    @Test
    void writesSortedJsonAndReadsItBack() {
        List<ProbeTarget> targets = List.of(
                new ProbeTarget.Tcp("db", ProbeKind.READINESS, 5432, 5, 2),
                new ProbeTarget.Http("api", ProbeKind.STARTUP, true, 8443, "/started?x=\"1\""),
                new ProbeTarget.Http("api", ProbeKind.LIVENESS, false, 8080, "/healthz"));

        String json = ProbeTargets.toJson(targets);

        assertThat(json).isEqualTo("{\"api/liveness\":{\"scheme\":\"HTTP\",\"port\":8080,\"path\":\"/healthz\"},"
                + "\"api/startup\":{\"scheme\":\"HTTPS\",\"port\":8443,\"path\":\"/started?x=\\\"1\\\"\"},"
                + "\"db/readiness\":{\"scheme\":\"TCP\",\"port\":5432,\"periodSeconds\":5,\"timeoutSeconds\":2}}");
        assertThat(ProbeTargets.parse(json)).containsExactly(targets.get(2), targets.get(1), targets.get(0));
    }

    static Stream<Arguments> badAnnotations() {
        return Stream.of(
                arguments("not JSON", "{", "gitmesh.io/probes is not JSON"),
                arguments("not an object", "[]", "gitmesh.io/probes must be a JSON object"),
                arguments("no kind in the key", "{\"app\":{\"scheme\":\"TCP\"}}", "entry \"app\": the key is not"),
                arguments("an unknown kind", "{\"app/alive\":{}}", "entry \"app/alive\": the key is not"),
                arguments("an unknown scheme", "{\"app/liveness\":{\"scheme\":\"UDP\",\"port\":1}}",
                        "scheme must be HTTP, HTTPS or TCP"),
                arguments("a port that is text", "{\"app/liveness\":{\"scheme\":\"HTTP\",\"port\":\"80\"}}",
                        "port must be an integer"),
                arguments("a port out of range", "{\"app/liveness\":{\"scheme\":\"HTTP\",\"port\":0,\"path\":\"/\"}}",
                        "port 0 is outside 1-65535"),
                arguments("an HTTP target without a path", "{\"app/liveness\":{\"scheme\":\"HTTP\",\"port\":80}}",
                        "path must be a string"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badAnnotations")
    void saysWhatIsWrongWithABadAnnotation(String name, String json, String message) {
        assertThatThrownBy(() -> ProbeTargets.parse(json)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
