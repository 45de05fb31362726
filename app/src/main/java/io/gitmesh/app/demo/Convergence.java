package io.gitmesh.app.demo;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Whether traffic follows a change, and since when. Given the calls that ended after the change, the
 * traffic converged at the latest of: the last call with an outcome the expectation does not allow
 * (a backend that should get nothing now, a denial that should be gone), and the first call of each
 * outcome it does expect (the new backend answering). It has converged once at least a window of calls
 * per caller ended after that moment, each expected outcome within {@value #TOLERANCE_POINTS} points
 * of its share.
 */
final class Convergence {
    static final int TOLERANCE_POINTS = 5;

    private Convergence() {
    }

    /**
     * @param convergedAtNanos when traffic started to follow the change
     * @param window           the calls after that moment, per caller and outcome
     */
    record Verdict(long convergedAtNanos, SortedMap<String, SortedMap<String, Long>> window) {
    }

    /** The verdict once {@code calls} (those that ended after {@code changedAtNanos}) show convergence. */
    static Optional<Verdict> check(List<CallOutcome> calls, TrafficExpectation expected, long changedAtNanos,
            int window) {
        List<CallOutcome> after = calls.stream()
                .filter(call -> call.nanos() >= changedAtNanos && expected.percents().containsKey(call.caller()))
                .sorted(Comparator.comparingLong(CallOutcome::nanos))
                .toList();
        long convergedAt = changedAtNanos;
        for (CallOutcome call : after) {
            if (!expected.expects(call.caller(), call.outcome())) {
                convergedAt = call.nanos();
            }
        }
        for (Map.Entry<String, SortedMap<String, Integer>> caller : expected.percents().entrySet()) {
            for (String outcome : caller.getValue().keySet()) {
                Optional<Long> first = after.stream()
                        .filter(call -> call.caller().equals(caller.getKey()) && call.outcome().equals(outcome))
                        .map(CallOutcome::nanos)
                        .findFirst();
                if (first.isEmpty()) {
                    return Optional.empty();
                }
                convergedAt = Math.max(convergedAt, first.get());
            }
        }
        long since = convergedAt;
        SortedMap<String, SortedMap<String, Long>> counts = counts(after.stream()
                .filter(call -> call.nanos() > since).toList());
        for (Map.Entry<String, SortedMap<String, Integer>> caller : expected.percents().entrySet()) {
            SortedMap<String, Long> outcomes = counts.getOrDefault(caller.getKey(), new TreeMap<>());
            long total = outcomes.values().stream().mapToLong(Long::longValue).sum();
            if (total < window || !withinTolerance(outcomes, caller.getValue(), total)) {
                return Optional.empty();
            }
        }
        return Optional.of(new Verdict(convergedAt, counts));
    }

    /** The calls per caller and outcome, sorted. */
    static SortedMap<String, SortedMap<String, Long>> counts(List<CallOutcome> calls) {
        return calls.stream().collect(Collectors.groupingBy(CallOutcome::caller, TreeMap::new,
                Collectors.groupingBy(CallOutcome::outcome, TreeMap::new, Collectors.counting())));
    }

    /** E.g. {@code bookbuyer: bookstore-v1 49.6%, bookstore-v2 50.4% of 412 calls; ...}. */
    static String describe(SortedMap<String, SortedMap<String, Long>> counts) {
        if (counts.isEmpty()) {
            return "no calls ended";
        }
        return counts.entrySet().stream()
                .map(caller -> {
                    long total = caller.getValue().values().stream().mapToLong(Long::longValue).sum();
                    return caller.getKey() + ": " + caller.getValue().entrySet().stream()
                            .map(outcome -> outcome.getKey() + " " + percent(outcome.getValue(), total))
                            .collect(Collectors.joining(", ")) + " of " + total;
                })
                .collect(Collectors.joining("; "));
    }

    private static boolean withinTolerance(Map<String, Long> outcomes, Map<String, Integer> shares, long total) {
        return shares.entrySet().stream().allMatch(share -> Math.abs(
                100.0 * outcomes.getOrDefault(share.getKey(), 0L) / total - share.getValue()) <= TOLERANCE_POINTS);
    }

    private static String percent(long count, long total) {
        return String.format(Locale.ROOT, "%.1f%%", 100.0 * count / total);
    }
}
