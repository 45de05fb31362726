package io.gitmesh.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitmesh.reconciler.loop.Outcome;
import io.gitmesh.reconciler.loop.ReconcileStatus;
import io.gitmesh.reconciler.source.Commit;
import io.gitmesh.reconciler.source.CommitId;
import io.gitmesh.schema.Diagnostic;
import io.gitmesh.schema.Position;
import io.gitmesh.schema.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The live view's panel: what a user reads while the demo runs. */
class LiveFrameTest {
    private static final Commit SPLIT = commit("a".repeat(40), "Split bookstore 50/50 between v1 and v2");
    private static final Commit BAD = commit("b".repeat(40), "Send 10% of bookstore back to v1");

    @Test
    void ratesComeFromTwoReadingsOfTheTotals() {
        SortedMap<String, SortedMap<String, Long>> before = counts(Map.of("bookbuyer", Map.of("bookstore-v1", 100L)));
        SortedMap<String, SortedMap<String, Long>> after = counts(Map.of(
                "bookbuyer", Map.of("bookstore-v1", 600L, "bookstore-v2", 250L),
                "bookthief", Map.of("denied", 500L)));

        assertThat(LiveFrame.rates(before, after, 2.0)).isEqualTo(Map.of(
                "bookbuyer", Map.of("bookstore-v1", 250.0, "bookstore-v2", 125.0),
                "bookthief", Map.of("denied", 250.0)));
    }

    @Test
    void thePanelShowsTheServedCommitTheBackendsTheCallersTheRestocksAndTheProxies() {
        ReconcileStatus status = new ReconcileStatus(Optional.of(SPLIT), Optional.empty(), Optional.of(SPLIT),
                Optional.empty(), Optional.of(new Outcome.Applied(SPLIT)), Optional.empty(), List.of(), false, 2);
        LiveFrame frame = new LiveFrame(status, rates(Map.of(
                "bookbuyer", Map.of("bookstore-v1", 150.0, "bookstore-v2", 50.0),
                "bookthief", Map.of("denied", 200.0, "failed", 3.0),
                "bookstore-v1", Map.of("bookwarehouse", 25.0),
                "bookstore-v2", Map.of("bookwarehouse", 20.0, "denied", 1.0))),
                List.of("bookbuyer", "bookstore-v1", "bookstore-v1"), Map.of("bookthief", "UNAVAILABLE: no route"));

        assertThat(frame.lines(true)).containsExactly(
                "serving    aaaaaaa Split bookstore 50/50 between v1 and v2",
                "bookstore-v1    150 calls/s answered  " + "█".repeat(23) + "·".repeat(7),
                "bookstore-v2     50 calls/s answered  " + "█".repeat(8) + "·".repeat(22),
                "bookbuyer       200 calls/s allowed,     0 denied",
                "bookthief         0 calls/s allowed,   200 denied, 3 failed (UNAVAILABLE: no route)",
                "bookwarehouse    45 restocks/s answered (bookstore-v1 25, bookstore-v2 20), 1 denied",
                "proxies    3 connected to gitmesh: bookbuyer, bookstore-v1 ×2");
        assertThat(frame.line()).startsWith("serving aaaaaaa Split bookstore 50/50 between v1 and v2 | bookstore-v1 "
                + "150 calls/s answered | ");
    }

    @Test
    void aRefusedCommitIsShownWithItsFirstProblemBesideTheCommitStillServed() {
        Diagnostic problem = Diagnostic.of(Severity.ERROR, "policy/bookstore-split.yaml", new Position(11, 5),
                "/spec/backends/0/weight", "TrafficSplit/bookstore/bookstore-split",
                "spec.backends[0].weight must be a number, got string \"10%\"");
        ReconcileStatus status = new ReconcileStatus(Optional.of(BAD), Optional.empty(), Optional.of(SPLIT),
                Optional.empty(), Optional.of(new Outcome.Refused(BAD, List.of(problem))), Optional.empty(),
                List.of(problem), false, 3);

        List<String> lines = new LiveFrame(status, new TreeMap<>(), List.of(), Map.of()).lines(false);

        assertThat(lines.get(0)).isEqualTo("serving    aaaaaaa Split bookstore 50/50 between v1 and v2");
        assertThat(lines.get(1)).isEqualTo("refused    bbbbbbb Send 10% of bookstore back to v1: 1 error(s), first "
                + "policy/bookstore-split.yaml:11:5: error: spec.backends[0].weight must be a number, got string "
                + "\"10%\" (TrafficSplit/bookstore/bookstore-split /spec/backends/0/weight)");
    }

    private static Commit commit(String id, String summary) {
        return new Commit(new CommitId(id), "gitmesh demo <demo@gitmesh.invalid>", Instant.EPOCH, summary);
    }

    private static SortedMap<String, SortedMap<String, Long>> counts(Map<String, Map<String, Long>> counts) {
        SortedMap<String, SortedMap<String, Long>> sorted = new TreeMap<>();
        counts.forEach((caller, outcomes) -> sorted.put(caller, new TreeMap<>(outcomes)));
        return sorted;
    }

    private static SortedMap<String, SortedMap<String, Double>> rates(Map<String, Map<String, Double>> rates) {
        SortedMap<String, SortedMap<String, Double>> sorted = new TreeMap<>();
        rates.forEach((caller, outcomes) -> sorted.put(caller, new TreeMap<>(outcomes)));
        return sorted;
    }
}
