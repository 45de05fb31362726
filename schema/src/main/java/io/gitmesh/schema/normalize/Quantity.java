package io.gitmesh.schema.normalize;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kubernetes resource quantities ({@code 100m}, {@code 1}, {@code 1.5Gi}, {@code 2e3}), read exactly,
 * following the grammar of {@code k8s.io/apimachinery/pkg/api/resource}:
 * a signed decimal number followed by a binary-SI suffix (Ki … Ei), a decimal-SI suffix (m, k, M …
 * E) or a decimal exponent ({@code e3}, {@code E-2}).
 */
final class Quantity {
    private static final Pattern GRAMMAR = Pattern.compile(
            "([+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+))(?:[eE]([+-]?[0-9]+)|(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E))?");
    /** Exponents past this are far outside any quantity Kubernetes can hold (it caps at 2^63). */
    private static final BigInteger MAX_EXPONENT = BigInteger.valueOf(64);
    private static final BigDecimal KI = BigDecimal.valueOf(1024);
    private static final Map<String, BigDecimal> SUFFIXES = Map.ofEntries(
            Map.entry("m", BigDecimal.ONE.scaleByPowerOfTen(-3)),
            Map.entry("k", BigDecimal.ONE.scaleByPowerOfTen(3)),
            Map.entry("M", BigDecimal.ONE.scaleByPowerOfTen(6)),
            Map.entry("G", BigDecimal.ONE.scaleByPowerOfTen(9)),
            Map.entry("T", BigDecimal.ONE.scaleByPowerOfTen(12)),
            Map.entry("P", BigDecimal.ONE.scaleByPowerOfTen(15)),
            Map.entry("E", BigDecimal.ONE.scaleByPowerOfTen(18)),
            Map.entry("Ki", KI),
            Map.entry("Mi", KI.pow(2)),
            Map.entry("Gi", KI.pow(3)),
            Map.entry("Ti", KI.pow(4)),
            Map.entry("Pi", KI.pow(5)),
            Map.entry("Ei", KI.pow(6)));

    private Quantity() {
    }

    /** The exact value of a quantity; empty when the text is not one (or its exponent is past ±64). */
    static Optional<BigDecimal> parse(String text) {
        Matcher m = GRAMMAR.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        BigDecimal number = new BigDecimal(m.group(1));
        if (m.group(2) != null) {
            BigInteger exponent = new BigInteger(m.group(2));
            return exponent.abs().compareTo(MAX_EXPONENT) > 0 ? Optional.empty()
                    : Optional.of(number.scaleByPowerOfTen(exponent.intValueExact()));
        }
        return Optional.of(m.group(3) == null ? number : number.multiply(SUFFIXES.get(m.group(3))));
    }
}
