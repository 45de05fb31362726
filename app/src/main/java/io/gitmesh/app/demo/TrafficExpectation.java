package io.gitmesh.app.demo;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What the callers' traffic should look like once a step has taken effect: per caller, the percentage
 * of its calls each outcome (a workload answering, or {@link CallOutcome#DENIED}) should get.
 */
record TrafficExpectation(SortedMap<String, SortedMap<String, Integer>> percents) {
    TrafficExpectation {
        SortedMap<String, SortedMap<String, Integer>> copy = new TreeMap<>();
        percents.forEach((caller, shares) -> {
            if (shares.values().stream().mapToInt(Integer::intValue).sum() != 100) {
                throw new IllegalArgumentException("the shares of " + caller + " do not add up to 100: " + shares);
            }
            copy.put(caller, Collections.unmodifiableSortedMap(new TreeMap<>(shares)));
        });
        percents = Collections.unmodifiableSortedMap(copy);
    }

    /** bookbuyer's calls answered by the bookstore versions in these shares, bookthief's denied or answered. */
    static TrafficExpectation bookstore(int v1Percent, int v2Percent, boolean bookthiefAllowed) {
        SortedMap<String, Integer> split = new TreeMap<>();
        if (v1Percent > 0) {
            split.put(DemoWorkload.BOOKSTORE_V1.name(), v1Percent);
        }
        if (v2Percent > 0) {
            split.put(DemoWorkload.BOOKSTORE_V2.name(), v2Percent);
        }
        SortedMap<String, SortedMap<String, Integer>> percents = new TreeMap<>();
        percents.put(DemoWorkload.BOOKBUYER.name(), split);
        percents.put(DemoWorkload.BOOKTHIEF.name(),
                bookthiefAllowed ? split : new TreeMap<>(Map.of(CallOutcome.DENIED, 100)));
        return new TrafficExpectation(percents);
    }

    /** Whether {@code outcome} is one that {@code caller}'s calls should have. */
    boolean expects(String caller, String outcome) {
        return percents.getOrDefault(caller, new TreeMap<>()).containsKey(outcome);
    }

    /** E.g. {@code bookbuyer: bookstore-v1 50%, bookstore-v2 50%; bookthief: denied 100%}. */
    String describe() {
        return percents.entrySet().stream()
                .map(caller -> caller.getKey() + ": " + caller.getValue().entrySet().stream()
                        .map(share -> share.getKey() + " " + share.getValue() + "%")
                        .collect(Collectors.joining(", ")))
                .collect(Collectors.joining("; "));
    }
}
