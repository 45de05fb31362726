package io.gitmesh.ca.rotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitmesh.ca.Validity;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RenewalPolicyTest {
    private static final Instant NOT_BEFORE = Instant.parse("2026-03-01T00:00:00Z");
    private static final Validity DAY = new Validity(NOT_BEFORE, NOT_BEFORE.plus(Duration.ofHours(24)));

    static Stream<Arguments> samples() {
        return Stream.of(
                Arguments.of("lowest sample renews at 40 %", 0.0, Duration.ofMinutes(576)),
                Arguments.of("middle sample renews at half the validity", 0.5, Duration.ofHours(12)),
                Arguments.of("a quarter renews at 45 %", 0.25, Duration.ofMinutes(648)),
                Arguments.of("highest sample renews at 60 %", Math.nextDown(1.0), Duration.ofMinutes(864)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void renewalFallsAroundHalfTheValidity(String name, double sample, Duration afterNotBefore) {
        assertThat(RenewalPolicy.DEFAULT.renewalTime(DAY, sample)).isEqualTo(NOT_BEFORE.plus(afterNotBefore));
    }

    @Test
    void theSameCertificateAndSampleAlwaysGiveTheSameTime() {
        assertThat(RenewalPolicy.DEFAULT.renewalTime(DAY, 0.3)).isEqualTo(RenewalPolicy.DEFAULT.renewalTime(DAY, 0.3));
    }

    @Test
    void samplesOutsideTheUnitIntervalAreRefused() {
        assertThatThrownBy(() -> RenewalPolicy.DEFAULT.renewalTime(DAY, 1.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[0, 1)");
    }

    @Test
    void aPolicyMustRenewInsideTheValidity() {
        assertThatThrownBy(() -> new RenewalPolicy(0.9, 0.2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("strictly inside the validity");
    }
}
