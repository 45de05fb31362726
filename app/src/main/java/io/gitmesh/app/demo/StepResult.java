package io.gitmesh.app.demo;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How a step went.
 *
 * @param commit          short id and subject of the step's commit (the first commit for the first step)
 * @param outcome         what gitmesh did with the commit: {@code applied}, {@code refused}, or
 *                        {@code no answer} when the step timed out first
 * @param diagnostics     the problems gitmesh found in a refused commit, as {@code file:line:col: ...}
 * @param appliedMillis   from the push until the demo read gitmesh's verdict on the commit (it reads
 *                        every 20 ms); empty for the first step
 * @param convergedMillis from the push (for the first step: from the first call) until every call
 *                        followed the change; empty when it did not within the step's time
 * @param traffic         the calls counted after convergence (or the last seconds, when it did not
 *                        converge), per caller and outcome
 * @param servedVersions  the xDS version of each snapshot group served at the end of the step
 */
public record StepResult(int number, String title, String commit, String outcome, List<String> diagnostics,
        String expected, Optional<Long> appliedMillis, Optional<Long> convergedMillis,
        SortedMap<String, SortedMap<String, Long>> traffic, SortedMap<String, String> servedVersions) {

    public StepResult {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(commit, "commit");
        Objects.requireNonNull(outcome, "outcome");
        diagnostics = List.copyOf(diagnostics);
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(appliedMillis, "appliedMillis");
        Objects.requireNonNull(convergedMillis, "convergedMillis");
        SortedMap<String, SortedMap<String, Long>> copy = new TreeMap<>();
        traffic.forEach((caller, outcomes) -> copy.put(caller,
                Collections.unmodifiableSortedMap(new TreeMap<>(outcomes))));
        traffic = Collections.unmodifiableSortedMap(copy);
        servedVersions = Collections.unmodifiableSortedMap(new TreeMap<>(servedVersions));
    }

    public boolean converged() {
        return convergedMillis.isPresent();
    }

    /** The share, in percent, of {@code caller}'s counted calls that ended with {@code outcome}. */
    public double percent(String caller, String outcome) {
        SortedMap<String, Long> outcomes = traffic.getOrDefault(caller, new TreeMap<>());
        long total = outcomes.values().stream().mapToLong(Long::longValue).sum();
        return total == 0 ? 0 : 100.0 * outcomes.getOrDefault(outcome, 0L) / total;
    }

    /** What the traffic looked like, e.g. {@code bookbuyer: bookstore-v1 49.6%, bookstore-v2 50.4% of 412; ...}. */
    public String observed() {
        return Convergence.describe(traffic);
    }
}
