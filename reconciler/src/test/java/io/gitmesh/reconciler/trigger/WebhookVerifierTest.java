package io.gitmesh.reconciler.trigger;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.gitmesh.reconciler.trigger.WebhookVerifier.Result;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WebhookVerifierTest {
    private static final byte[] SECRET = "a-webhook-secret-of-32-bytes-ok!".getBytes(UTF_8);
    private static final byte[] BODY = "{\"ref\":\"refs/heads/main\"}".getBytes(UTF_8);
    private static final WebhookVerifier VERIFIER = new WebhookVerifier(SECRET);

    /** GitHub's documented example: secret "It's a Secret to Everybody", body "Hello, World!". */
    @Test
    void matchesGitHubsPublishedExample() {
        WebhookVerifier github = new WebhookVerifier("It's a Secret to Everybody".getBytes(UTF_8));
        assertThat(github.signatureOf("Hello, World!".getBytes(UTF_8)))
                .isEqualTo("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
    }

    static Stream<Arguments> requests() {
        String good = VERIFIER.signatureOf(BODY);
        String other = VERIFIER.signatureOf("{\"ref\":\"refs/heads/evil\"}".getBytes(UTF_8));
        return Stream.of(
                arguments("GitHub header", Map.of("X-Hub-Signature-256", good), Result.VALID),
                arguments("generic header", Map.of("X-Gitmesh-Signature", good), Result.VALID),
                arguments("header name in any case", Map.of("x-hub-signature-256", good.toUpperCase()), Result.VALID),
                arguments("no signature", Map.of("Content-Type", "application/json"), Result.MISSING),
                arguments("sha1 signature only", Map.of("X-Hub-Signature", "sha1=abc"), Result.MISSING),
                arguments("not sha256", Map.of("X-Hub-Signature-256", "md5=" + "0".repeat(64)), Result.MALFORMED),
                arguments("too short", Map.of("X-Hub-Signature-256", "sha256=abcd"), Result.MALFORMED),
                arguments("not hex", Map.of("X-Hub-Signature-256", "sha256=" + "z".repeat(64)), Result.MALFORMED),
                arguments("signature of another body (replayed, body changed)",
                        Map.of("X-Hub-Signature-256", other), Result.MISMATCH),
                arguments("signed with another secret", Map.of("X-Hub-Signature-256",
                        new WebhookVerifier("another-secret-of-enough-bytes".getBytes(UTF_8)).signatureOf(BODY)),
                        Result.MISMATCH));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void verifies(String name, Map<String, String> headers, Result expected) {
        assertThat(VERIFIER.verify(headers, BODY)).isEqualTo(expected);
    }

    @Test
    void refusesAShortSecretAndNeverShowsIt() {
        assertThatThrownBy(() -> new WebhookVerifier("short".getBytes(UTF_8)))
                .hasMessageNotContaining("short").hasMessageContaining("at least 16 bytes");
        assertThat(VERIFIER.toString()).doesNotContain("a-webhook-secret");
    }
}
