package io.gitmesh.ca.certmanager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Reading a CertificateRequest's status the way cert-manager writes it. */
class RequestOutcomeTest {
    static Stream<Arguments> statuses() {
        return Stream.of(
                Arguments.of("no status yet", "{}", new RequestOutcome.Pending()),
                Arguments.of("approved, not signed", """
                        {"conditions": [{"type": "Approved", "status": "True"},
                                        {"type": "Ready", "status": "False", "reason": "Pending"}]}""",
                        new RequestOutcome.Pending()),
                Arguments.of("ready without a certificate", """
                        {"conditions": [{"type": "Ready", "status": "True", "reason": "Issued"}]}""",
                        new RequestOutcome.Pending()),
                Arguments.of("signed", """
                        {"conditions": [{"type": "Ready", "status": "True", "reason": "Issued"}],
                         "certificate": "Y2VydA==", "ca": "Y2E="}""",
                        new RequestOutcome.Signed("Y2VydA==", Optional.of("Y2E="))),
                Arguments.of("signed without a CA", """
                        {"conditions": [{"type": "Ready", "status": "True"}], "certificate": "Y2VydA==", "ca": ""}""",
                        new RequestOutcome.Signed("Y2VydA==", Optional.empty())),
                Arguments.of("denied", """
                        {"conditions": [{"type": "Denied", "status": "True", "reason": "PolicyDenied",
                                         "message": "not allowed"}]}""",
                        new RequestOutcome.Refused("Denied", "PolicyDenied", "not allowed")),
                Arguments.of("invalid", """
                        {"conditions": [{"type": "InvalidRequest", "status": "True", "reason": "BadCSR"}]}""",
                        new RequestOutcome.Refused("InvalidRequest", "BadCSR", "")),
                Arguments.of("failed", """
                        {"conditions": [{"type": "Ready", "status": "False", "reason": "Failed", "message": "boom"}]}""",
                        new RequestOutcome.Refused("Ready", "Failed", "boom")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("statuses")
    void theStatusDecidesTheOutcome(String name, String status, RequestOutcome expected) {
        GenericKubernetesResource request = Serialization.unmarshal("""
                {"apiVersion": "cert-manager.io/v1", "kind": "CertificateRequest",
                 "metadata": {"name": "r", "namespace": "gitmesh"}, "status": %s}""".formatted(status),
                GenericKubernetesResource.class);

        assertThat(RequestOutcome.of(request)).isEqualTo(expected);
    }

    @Test
    void aRequestGoneWhileWaitingIsDeleted() {
        assertThat(RequestOutcome.of(null)).isEqualTo(new RequestOutcome.Deleted());
    }

    @Test
    void durationsAreWrittenAsGoDurations() {
        assertThat(CertificateRequests.goDuration(Duration.ofHours(24))).isEqualTo("24h0m0s");
        assertThat(CertificateRequests.goDuration(Duration.ofSeconds(3725))).isEqualTo("1h2m5s");
        assertThatThrownBy(() -> CertificateRequests.goDuration(Duration.ofMillis(500)))
                .hasMessageContaining("whole seconds");
    }
}
