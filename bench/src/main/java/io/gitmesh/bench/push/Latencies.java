package io.gitmesh.bench.push;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** A sample of durations, sorted, with nearest-rank percentiles. */
record Latencies(List<Duration> sorted) {
    Latencies {
        sorted = sorted.stream().sorted().toList();
    }

    static Latencies of(Collection<Duration> durations) {
        return new Latencies(List.copyOf(durations));
    }

    static Latencies union(Collection<Latencies> samples) {
        List<Duration> all = new ArrayList<>();
        samples.forEach(sample -> all.addAll(sample.sorted()));
        return new Latencies(all);
    }

    int size() {
        return sorted.size();
    }

    /** The smallest duration at least {@code quantile} of the sample is at or below (nearest rank). */
    Duration percentile(double quantile) {
        if (sorted.isEmpty()) {
            return Duration.ZERO;
        }
        int rank = (int) Math.ceil(quantile * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    Duration max() {
        return sorted.isEmpty() ? Duration.ZERO : sorted.getLast();
    }

    /** {@code p50 12.3 ms, p99 45.6 ms, max 50.1 ms (n=14)}. */
    @Override
    public String toString() {
        return "p50 %s, p99 %s, max %s (n=%d)".formatted(millis(percentile(0.5)), millis(percentile(0.99)),
                millis(max()), size());
    }

    static String millis(Duration duration) {
        return "%.1f ms".formatted(duration.toNanos() / 1e6);
    }
}
