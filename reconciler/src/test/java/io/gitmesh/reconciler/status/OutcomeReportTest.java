package io.gitmesh.reconciler.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitmesh.reconciler.loop.Outcome;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What each outcome says to people outside gitmesh. */
class OutcomeReportTest {
    static Stream<Arguments> outcomes() {
        return Stream.of(
                Arguments.of("applied", StatusFixtures.applied('a'), "Applied", "Normal", true,
                        "applied commit aaaaaaa \"change a\""),
                Arguments.of("refused, with the first error's file:line", StatusFixtures.refused('b'), "Refused",
                        "Warning", true, "refused commit bbbbbbb: 2 errors, the first policy/routes.yaml:8:7: error: "
                                + "unknown method \"FETCH\" (HTTPRouteGroup/shop/routes /spec/matches/0/methods/0); "
                                + "the last applied commit stays served"),
                Arguments.of("source failed", StatusFixtures.fetchFailed(), "FetchFailed", "Warning", false,
                        "cannot read the repository (will retry): git.example.com: connection refused"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outcomes")
    void reports(String name, Outcome outcome, String reason, String type, boolean isFinal, String note) {
        OutcomeReport report = OutcomeReport.of(outcome).orElseThrow();

        assertThat(report.reason().name()).isEqualTo(reason);
        assertThat(report.eventType()).isEqualTo(type);
        assertThat(report.isFinal()).isEqualTo(isFinal);
        assertThat(report.note()).isEqualTo(note);
    }

    @Test
    void aPassThatFoundNothingNewReportsNothing() {
        assertThat(OutcomeReport.of(new Outcome.Unchanged(StatusFixtures.commit('a')))).isEmpty();
    }

    @Test
    void theSameOutcomeForTheSameCommitIsTheSameReport() {
        assertThat(OutcomeReport.of(StatusFixtures.refused('b')).orElseThrow().identity())
                .isEqualTo(OutcomeReport.of(StatusFixtures.refused('b')).orElseThrow().identity())
                .isNotEqualTo(OutcomeReport.of(StatusFixtures.refused('c')).orElseThrow().identity())
                .isNotEqualTo(OutcomeReport.of(StatusFixtures.applied('b')).orElseThrow().identity());
    }

    @Test
    void aLongNoteIsCut() {
        OutcomeReport report = OutcomeReport.of(new Outcome.SourceFailed(false, "x".repeat(5000))).orElseThrow();

        assertThat(report.note()).hasSize(OutcomeReport.MAX_NOTE).endsWith("…");
    }
}
