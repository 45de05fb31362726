package io.gitmesh.app.demo;

import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts how the callers' calls end, per caller and outcome (for the live view's rates), and — while
 * a step is being watched — hands every outcome to the watcher, in the order they come.
 */
final class TrafficRecorder {
    private final Map<String, Map<String, LongAdder>> totals = new ConcurrentHashMap<>();
    private final Map<String, String> lastFailures = new ConcurrentHashMap<>();
    private final AtomicReference<BlockingQueue<CallOutcome>> watcher = new AtomicReference<>();

    void record(CallOutcome call) {
        totals.computeIfAbsent(call.caller(), caller -> new ConcurrentHashMap<>())
                .computeIfAbsent(call.outcome(), outcome -> new LongAdder())
                .increment();
        BlockingQueue<CallOutcome> queue = watcher.get();
        if (queue != null) {
            queue.add(call);
        }
    }

    /** Notes why the caller's last call failed (not a denial), for the live view. */
    void failed(String caller, String reason) {
        lastFailures.put(caller, reason);
    }

    Optional<String> lastFailure(String caller) {
        return Optional.ofNullable(lastFailures.get(caller));
    }

    /** The calls so far, per caller and outcome, sorted. */
    SortedMap<String, SortedMap<String, Long>> totals() {
        SortedMap<String, SortedMap<String, Long>> copy = new TreeMap<>();
        totals.forEach((caller, outcomes) -> {
            SortedMap<String, Long> counts = new TreeMap<>();
            outcomes.forEach((outcome, count) -> counts.put(outcome, count.sum()));
            copy.put(caller, counts);
        });
        return copy;
    }

    /** From now on every outcome also goes to the returned queue, until {@link #stopWatching}. */
    BlockingQueue<CallOutcome> watch() {
        BlockingQueue<CallOutcome> queue = new LinkedBlockingQueue<>();
        watcher.set(queue);
        return queue;
    }

    void stopWatching() {
        watcher.set(null);
    }
}
