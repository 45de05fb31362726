package io.gitmesh.model.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class PercentagesTest {

    static Stream<Arguments> weights() {
        return Stream.of(
                arguments("one backend", List.of("100"), List.of(100)),
                arguments("even split", List.of("50", "50"), List.of(50, 50)),
                arguments("canary 90/10", List.of("90", "10"), List.of(90, 10)),
                arguments("weights are relative", List.of("1000", "500"), List.of(67, 33)),
                arguments("thirds: the first gets the spare point", List.of("1", "1", "1"), List.of(34, 33, 33)),
                arguments("largest remainder wins, not the first", List.of("1", "2"), List.of(33, 67)),
                arguments("zero weight gets 0 %", List.of("0", "100"), List.of(0, 100)),
                arguments("zero among thirds stays 0 %", List.of("1", "0", "1", "1"), List.of(34, 0, 33, 33)),
                arguments("a tiny share rounds to 0 %", List.of("1", "999"), List.of(0, 100)),
                arguments("v1alpha1 quantities", List.of("0.1", "0.9"), List.of(10, 90)),
                arguments("mixed scales", List.of("1.5", "0.5", "2"), List.of(38, 12, 50)),
                arguments("negative counts as zero", List.of("-5", "10"), List.of(0, 100)),
                arguments("seven ways", List.of("1", "1", "1", "1", "1", "1", "1"),
                        List.of(15, 15, 14, 14, 14, 14, 14)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("weights")
    void splits100(String name, List<String> weights, List<Integer> expected) {
        List<Integer> percents = Percentages.of(weights.stream().map(BigDecimal::new).toList());

        assertThat(percents).isEqualTo(expected);
        assertThat(percents.stream().mapToInt(Integer::intValue).sum()).isEqualTo(100);
    }

    @Test
    void needsAPositiveTotal() {
        assertThatThrownBy(() -> Percentages.of(Arrays.asList(BigDecimal.ZERO, BigDecimal.ZERO)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
