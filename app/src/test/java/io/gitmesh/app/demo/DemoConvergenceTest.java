package io.gitmesh.app.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * When the demo counts a step as converged: calls are given as (caller, outcome, milliseconds after the
 * change), and a window of 4 calls per caller must end after the moment of convergence.
 */
class DemoConvergenceTest {
    private static final long CHANGE = 1_000_000_000L;
    private static final int WINDOW = 4;

    static Stream<Arguments> cases() {
        TrafficExpectation allToV2 = TrafficExpectation.bookstore(0, 100, true);
        TrafficExpectation halfAndHalf = TrafficExpectation.bookstore(50, 50, false);
        return Stream.of(
                arguments("a backend that should get nothing answers late: converged after its last answer",
                        allToV2, calls("bookbuyer v1 1", "bookthief v2 2", "bookbuyer v2 3", "bookbuyer v1 5",
                                "bookbuyer v2 6", "bookbuyer v2 7", "bookbuyer v2 8", "bookbuyer v2 9",
                                "bookthief v2 6", "bookthief v2 7", "bookthief v2 8", "bookthief v2 9"),
                        Optional.of(5L)),
                arguments("not yet a window of calls after that moment", allToV2,
                        calls("bookbuyer v2 1", "bookbuyer v2 2", "bookbuyer v1 5", "bookbuyer v2 6",
                                "bookthief v2 1", "bookthief v2 2", "bookthief v2 3", "bookthief v2 4"),
                        Optional.empty()),
                arguments("a denial where the caller should be let in counts against it", allToV2,
                        calls("bookbuyer v2 1", "bookbuyer v2 4", "bookbuyer v2 5", "bookbuyer v2 6",
                                "bookbuyer v2 7", "bookthief denied 2", "bookthief v2 3", "bookthief v2 4",
                                "bookthief v2 5", "bookthief v2 6", "bookthief v2 7"),
                        Optional.of(3L)),
                arguments("a split: converged when the new backend first answers", halfAndHalf,
                        calls("bookbuyer v1 1", "bookbuyer v1 2", "bookbuyer v2 3", "bookbuyer v1 4",
                                "bookbuyer v2 5", "bookbuyer v1 6", "bookbuyer v2 7", "bookthief denied 1",
                                "bookthief denied 2", "bookthief denied 4", "bookthief denied 5",
                                "bookthief denied 6", "bookthief denied 7"),
                        Optional.of(3L)),
                arguments("a split off by more than 5 points is not converged", halfAndHalf,
                        calls("bookbuyer v2 1", "bookbuyer v1 2", "bookbuyer v1 3", "bookbuyer v1 4",
                                "bookbuyer v2 5", "bookbuyer v1 6", "bookthief denied 3", "bookthief denied 4",
                                "bookthief denied 5", "bookthief denied 6"),
                        Optional.empty()),
                arguments("calls that ended before the change do not count", allToV2,
                        calls("bookbuyer v1 -1", "bookbuyer v2 1", "bookbuyer v2 2", "bookbuyer v2 3",
                                "bookbuyer v2 4", "bookbuyer v2 5", "bookthief v2 1", "bookthief v2 2",
                                "bookthief v2 3", "bookthief v2 4", "bookthief v2 5"),
                        Optional.of(1L)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void convergesWhenEveryCallFollowsTheChange(String name, TrafficExpectation expected, List<CallOutcome> calls,
            Optional<Long> convergedAfterMillis) {
        Optional<Convergence.Verdict> verdict = Convergence.check(calls, expected, CHANGE, WINDOW);

        assertThat(verdict.map(v -> (v.convergedAtNanos() - CHANGE) / 1_000_000)).isEqualTo(convergedAfterMillis);
    }

    /** {@code "caller outcome millis"}: outcomes v1, v2 (the bookstore versions) or denied. */
    private static List<CallOutcome> calls(String... calls) {
        List<CallOutcome> outcomes = new ArrayList<>();
        for (String call : calls) {
            String[] parts = call.split(" ");
            String outcome = switch (parts[1]) {
                case "v1" -> DemoWorkload.BOOKSTORE_V1.name();
                case "v2" -> DemoWorkload.BOOKSTORE_V2.name();
                default -> parts[1];
            };
            outcomes.add(new CallOutcome(parts[0], outcome, CHANGE + Long.parseLong(parts[2]) * 1_000_000));
        }
        return outcomes;
    }
}
