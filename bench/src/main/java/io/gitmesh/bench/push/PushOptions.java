package io.gitmesh.bench.push;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@link PushBenchmark} does, from {@code key=value} arguments.
 *
 * @param identities the scenario's size (500: 2,000 Services)
 * @param streams    ADS streams the load client opens
 * @param warmup     one-split changes made first and left out of the summary, at most 5
 * @param changes    one-split changes, at most 20 (each moves a weight to one not used before)
 * @param broad      every-split changes, at most 20
 * @param limit      the harness's whole run, after which it exits whatever it is doing
 */
record PushOptions(int identities, int streams, int warmup, int changes, int broad, Duration limit) {
    PushOptions {
        require(streams >= 1, "streams must be at least 1");
        require(warmup >= 0 && warmup <= 5, "warmup must be 0-5");
        require(changes >= 0 && changes <= 20, "changes must be 0-20");
        require(broad >= 0 && broad <= 20, "broad must be 0-20");
        require(limit.isPositive(), "limit must be positive");
    }

    static PushOptions parse(String[] args) {
        Map<String, Integer> values = new TreeMap<>(Map.of(
                "identities", 500, "streams", 1000, "warmup", 2, "changes", 10, "broad", 3, "limit", 300));
        for (String arg : args) {
            String[] pair = arg.split("=", 2);
            if (pair.length != 2 || !values.containsKey(pair[0]) || !pair[1].matches("[0-9]{1,6}")) {
                throw new IllegalArgumentException("not an option: \"" + arg + "\"; options are "
                        + values.keySet().stream().map(key -> key + "=<n>").toList());
            }
            values.put(pair[0], Integer.parseInt(pair[1]));
        }
        return new PushOptions(values.get("identities"), values.get("streams"), values.get("warmup"),
                values.get("changes"), values.get("broad"), Duration.ofSeconds(values.get("limit")));
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
