package io.gitmesh.schema.normalize;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Go duration strings as {@code time.ParseDuration} reads them: an optional sign, then one or more
 * decimal numbers (fractions allowed) each with a unit, {@code ns}, {@code us} ({@code µs}),
 * {@code ms}, {@code s}, {@code m} or {@code h}: {@code 24h}, {@code 1h30m}, {@code 1.5h},
 * {@code 500ms}. {@code 0} needs no unit. Like Go, the total must fit in 2^63-1 nanoseconds.
 */
final class GoDuration {
    private static final Map<String, Long> NANOS_PER_UNIT = Map.of(
            "ns", 1L,
            "us", 1_000L,
            "\u00b5s", 1_000L, // micro sign
            "\u03bcs", 1_000L, // Greek small letter mu
            "ms", 1_000_000L,
            "s", 1_000_000_000L,
            "m", 60_000_000_000L,
            "h", 3_600_000_000_000L);
    private static final BigDecimal MAX_NANOS = BigDecimal.valueOf(Long.MAX_VALUE);

    private GoDuration() {
    }

    /** The duration, or empty when the text is not a Go duration or does not fit. */
    static Optional<Duration> parse(String text) {
        int i = 0;
        boolean negative = false;
        if (!text.isEmpty() && (text.charAt(0) == '-' || text.charAt(0) == '+')) {
            negative = text.charAt(0) == '-';
            i = 1;
        }
        if (text.substring(i).equals("0")) {
            return Optional.of(Duration.ZERO);
        }
        if (i == text.length()) {
            return Optional.empty();
        }
        BigDecimal nanos = BigDecimal.ZERO;
        while (i < text.length()) {
            int numberStart = i;
            while (i < text.length() && (isDigit(text.charAt(i)) || text.charAt(i) == '.')) {
                i++;
            }
            Optional<BigDecimal> number = number(text.substring(numberStart, i));
            int unitStart = i;
            while (i < text.length() && !isDigit(text.charAt(i)) && text.charAt(i) != '.') {
                i++;
            }
            Long unit = NANOS_PER_UNIT.get(text.substring(unitStart, i));
            if (number.isEmpty() || unit == null) {
                return Optional.empty();
            }
            nanos = nanos.add(number.get().multiply(BigDecimal.valueOf(unit)).setScale(0, RoundingMode.DOWN));
            if (nanos.compareTo(MAX_NANOS) > 0) {
                return Optional.empty();
            }
        }
        long total = nanos.longValueExact();
        return Optional.of(Duration.ofNanos(negative ? -total : total));
    }

    /** Digits with at most one dot and at least one digit ({@code 1}, {@code 1.5}, {@code .5}, {@code 1.}). */
    private static Optional<BigDecimal> number(String s) {
        int dot = s.indexOf('.');
        boolean valid = s.chars().anyMatch(GoDuration::isDigit) && (dot < 0 || s.indexOf('.', dot + 1) < 0);
        if (!valid) {
            return Optional.empty();
        }
        return Optional.of(new BigDecimal(s));
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }
}
