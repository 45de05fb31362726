package io.gitmesh.schema.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoDurationTest {

    static Stream<Arguments> durations() {
        return Stream.of(
                Arguments.of("hours", "24h", Duration.ofHours(24)),
                Arguments.of("hours and minutes", "1h30m", Duration.ofMinutes(90)),
                Arguments.of("seconds", "90s", Duration.ofSeconds(90)),
                Arguments.of("milliseconds", "500ms", Duration.ofMillis(500)),
                Arguments.of("microseconds", "7us", Duration.ofNanos(7_000)),
                Arguments.of("microseconds, micro sign", "7\u00b5s", Duration.ofNanos(7_000)),
                Arguments.of("microseconds, Greek mu", "7\u03bcs", Duration.ofNanos(7_000)),
                Arguments.of("nanoseconds", "15ns", Duration.ofNanos(15)),
                Arguments.of("a fraction", "1.5h", Duration.ofMinutes(90)),
                Arguments.of("a fraction without a leading digit", ".5s", Duration.ofMillis(500)),
                Arguments.of("a trailing dot", "2.s", Duration.ofSeconds(2)),
                Arguments.of("every unit", "1h2m3s4ms5us6ns", Duration.ofHours(1).plusMinutes(2).plusSeconds(3)
                        .plusMillis(4).plusNanos(5_006)),
                Arguments.of("units out of order", "30m1h", Duration.ofMinutes(90)),
                Arguments.of("a plus sign", "+10s", Duration.ofSeconds(10)),
                Arguments.of("a minus sign", "-10s", Duration.ofSeconds(-10)),
                Arguments.of("zero without a unit", "0", Duration.ZERO),
                Arguments.of("fractions below a nanosecond are cut", "1.9ns", Duration.ofNanos(1)),
                Arguments.of("the largest Go duration", "2562047h47m16.854775807s", Duration.ofNanos(Long.MAX_VALUE)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("durations")
    void readsGoDurations(String name, String text, Duration expected) {
        assertThat(GoDuration.parse(text)).hasValue(expected);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "24", "h", "1d", "1H", "1 h", "1h 30m", "1..5h", ".h", "-", "+", "1hh", "1.5.5s",
        "2562047h47m16.854775808s", "9999999999999999999999h"})
    void refusesWhatGoRefuses(String text) {
        assertThat(GoDuration.parse(text)).isEmpty();
    }
}
