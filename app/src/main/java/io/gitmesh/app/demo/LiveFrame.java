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
import java.util.stream.Collectors;

/**
 * What the live view shows at one moment, and its text: the commit gitmesh serves (and the last one
 * it refused, if that is the newest), calls per second answered by each bookstore workload, allowed
 * and denied calls per second of each caller, the bookstores' restocks at bookwarehouse, and the
 * proxies connected to gitmesh.
 *
 * @param rates   calls per second over the last interval, per caller and outcome
 * @param proxies the connected proxies' service accounts, sorted (a server that also calls has two)
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
        lines.add(restocks());
        lines.add("proxies    " + proxies.size() + " connected to gitmesh: " + proxies.stream()
                .collect(Collectors.groupingBy(proxy -> proxy, TreeMap::new, Collectors.counting()))
                .entrySet().stream()
                .map(proxy -> proxy.getKey() + (proxy.getValue() > 1 ? " ×" + proxy.getValue() : ""))
                .collect(Collectors.joining(", ")));
        return lines;
    }

    /** One line for logs and pipes. */
    String line() {
        return String.join(" | ", lines(false).stream().map(line -> line.replaceAll(" {2,}", " ")).toList());
    }

    /** bookwarehouse: restocks per second answered, by bookstore, and denied. */
    private String restocks() {
        String warehouse = DemoWorkload.BOOKWAREHOUSE.name();
        List<String> byBookstore = DemoWorkload.RESTOCKING.stream()
                .map(bookstore -> String.format(Locale.ROOT, "%s %.0f", bookstore.name(),
                        rate(bookstore.name(), warehouse)))
                .toList();
        double denied = DemoWorkload.RESTOCKING.stream()
                .mapToDouble(bookstore -> rate(bookstore.name(), CallOutcome.DENIED)).sum();
        return String.format(Locale.ROOT, "%-13s %5.0f restocks/s answered (%s), %.0f denied", warehouse,
                answeredBy(warehouse), String.join(", ", byBookstore), denied);
    }

    private double rate(String caller, String outcome) {
        return rates.getOrDefault(caller, new TreeMap<>()).getOrDefault(outcome, 0.0);
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
