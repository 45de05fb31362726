package io.gitmesh.app.demo;

import io.gitmesh.reconciler.loop.Outcome;
import io.gitmesh.reconciler.loop.ReconcileStatus;
import io.gitmesh.reconciler.source.Commit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the live view shows at one moment, and its text: the commit gitmesh serves (and the last one
 * it refused, if that is the newest), calls per second answered by each bookstore workload, allowed
 * and denied calls per second of each caller, and the proxies connected to gitmesh.
 *
 * @param rates   calls per second over the last interval, per caller and outcome
 * @param proxies the connected proxies' service accounts, sorted
 */
record LiveFrame(ReconcileStatus status, SortedMap<String, SortedMap<String, Double>> rates, List<String> proxies,
        Map<String, String> lastFailures) {
    private static final int BAR_WIDTH = 30;

    /** The rates between two readings of the recorder's totals, {@code seconds} apart. */
    static SortedMap<String, SortedMap<String, Double>> rates(SortedMap<String, SortedMap<String, Long>> before,
            SortedMap<String, SortedMap<String, Long>> after, double seconds) {
        SortedMap<String, SortedMap<String, Double>> rates = new TreeMap<>();
        after.forEach((caller, outcomes) -> outcomes.forEach((outcome, count) -> {
            long earlier = before.getOrDefault(caller, new TreeMap<>()).getOrDefault(outcome, 0L);
            rates.computeIfAbsent(caller, c -> new TreeMap<>()).put(outcome, (count - earlier) / seconds);
        }));
        return rates;
    }

    /** The frame as lines; with {@code bars}, each backend's rate also as a bar. */
    List<String> lines(boolean bars) {
        List<String> lines = new ArrayList<>();
        lines.add("serving    " + status.lastApplied().map(LiveFrame::commit).orElse("nothing yet"));
        if (status.lastOutcome().orElse(null) instanceof Outcome.Refused refused) {
            lines.add("refused    " + commit(refused.commit()) + ": " + refused.errors().size() + " error(s), first "
                    + refused.errors().getFirst().toText());
        }
        List<DemoWorkload> bookstores = List.of(DemoWorkload.BOOKSTORE_V1, DemoWorkload.BOOKSTORE_V2);
        double all = bookstores.stream().mapToDouble(server -> answeredBy(server.name())).sum();
        for (DemoWorkload server : bookstores) {
            double rate = answeredBy(server.name());
            lines.add(String.format(Locale.ROOT, "%-13s %5.0f calls/s answered%s", server.name(), rate,
                    bars ? "  " + bar(all == 0 ? 0 : rate / all) : ""));
        }
        for (DemoWorkload caller : DemoWorkload.CALLERS) {
            SortedMap<String, Double> outcomes = rates.getOrDefault(caller.name(), new TreeMap<>());
            double denied = outcomes.getOrDefault(CallOutcome.DENIED, 0.0);
            double failed = outcomes.getOrDefault(CallOutcome.FAILED, 0.0);
            double allowed = outcomes.values().stream().mapToDouble(Double::doubleValue).sum() - denied - failed;
            lines.add(String.format(Locale.ROOT, "%-13s %5.0f calls/s allowed, %5.0f denied%s", caller.name(),
                    allowed, denied, failed > 0 ? String.format(Locale.ROOT, ", %.0f failed (%s)", failed,
                            lastFailures.getOrDefault(caller.name(), "?")) : ""));
        }
        lines.add("proxies    " + proxies.size() + " connected to gitmesh: " + String.join(", ", proxies));
        return lines;
    }

    /** One line for logs and pipes. */
    String line() {
        return String.join(" | ", lines(false).stream().map(line -> line.replaceAll(" {2,}", " ")).toList());
    }

    /** Calls per second answered by {@code backend}, over all callers. */
    private double answeredBy(String backend) {
        return rates.values().stream().mapToDouble(outcomes -> outcomes.getOrDefault(backend, 0.0)).sum();
    }

    private static String bar(double share) {
        int filled = (int) Math.round(share * BAR_WIDTH);
        return "█".repeat(filled) + "·".repeat(BAR_WIDTH - filled);
    }

    private static String commit(Commit commit) {
        return commit.id().abbreviated() + " " + commit.summary();
    }
}
