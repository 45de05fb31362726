package io.gitmesh.model.compile;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Turns relative weights into whole percentages that sum to 100 (the largest remainder method, in
 * exact arithmetic): each weight's exact share of 100 is rounded down, and the points still missing
 * go one each to the largest remainders; equal remainders favour the earlier weight. A weight of 0
 * always gets 0 %; a positive weight below half a percent may get 0 % too (1 : 999 gives 0 % and
 * 100 %). Negative weights count as 0.
 */
final class Percentages {
    private static final BigInteger HUNDRED = BigInteger.valueOf(100);

    private Percentages() {
    }

    /** The percentages of the weights, in their order; the weights must have a positive sum. */
    static List<Integer> of(List<BigDecimal> weights) {
        int scale = weights.stream().mapToInt(w -> Math.max(w.scale(), 0)).max().orElse(0);
        List<BigInteger> units = weights.stream()
                .map(w -> w.signum() < 0 ? BigInteger.ZERO : w.setScale(scale).unscaledValue())
                .toList();
        BigInteger total = units.stream().reduce(BigInteger.ZERO, BigInteger::add);
        if (total.signum() <= 0) {
            throw new IllegalArgumentException("weights must have a positive sum: " + weights);
        }
        List<Integer> percents = new ArrayList<>();
        List<BigInteger> remainders = new ArrayList<>();
        for (BigInteger unit : units) {
            BigInteger[] division = unit.multiply(HUNDRED).divideAndRemainder(total);
            percents.add(division[0].intValueExact());
            remainders.add(division[1]);
        }
        int missing = 100 - percents.stream().mapToInt(Integer::intValue).sum();
        IntStream.range(0, units.size()).boxed()
                .sorted(Comparator.comparing(remainders::get).reversed().thenComparing(Comparator.naturalOrder()))
                .limit(missing)
                .forEach(i -> percents.set(i, percents.get(i) + 1));
        return List.copyOf(percents);
    }
}
