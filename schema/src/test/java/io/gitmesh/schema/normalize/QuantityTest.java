package io.gitmesh.schema.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuantityTest {

    static Stream<Arguments> quantities() {
        return Stream.of(
                Arguments.of("a plain integer", "1", "1"),
                Arguments.of("milli", "100m", "0.1"),
                Arguments.of("more than one in milli", "1500m", "1.5"),
                Arguments.of("ten milli", "10m", "0.01"),
                Arguments.of("a decimal fraction", "0.5", "0.5"),
                Arguments.of("a fraction without a leading digit", ".5", "0.5"),
                Arguments.of("a trailing dot", "5.", "5"),
                Arguments.of("a plus sign", "+2", "2"),
                Arguments.of("a minus sign", "-2", "-2"),
                Arguments.of("kilo", "2k", "2000"),
                Arguments.of("mega", "1M", "1000000"),
                Arguments.of("giga", "1G", "1000000000"),
                Arguments.of("tera", "1T", "1000000000000"),
                Arguments.of("peta", "1P", "1000000000000000"),
                Arguments.of("exa (E alone is a suffix)", "1E", "1000000000000000000"),
                Arguments.of("kibi", "1Ki", "1024"),
                Arguments.of("a fraction of a mebi", "1.5Mi", "1572864"),
                Arguments.of("gibi", "1Gi", "1073741824"),
                Arguments.of("tebi", "1Ti", "1099511627776"),
                Arguments.of("pebi", "1Pi", "1125899906842624"),
                Arguments.of("exbi", "1Ei", "1152921504606846976"),
                Arguments.of("a decimal exponent", "2e3", "2000"),
                Arguments.of("an upper-case exponent", "2E3", "2000"),
                Arguments.of("a negative exponent", "15e-1", "1.5"),
                Arguments.of("a signed positive exponent", "1e+2", "100"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("quantities")
    void readsKubernetesQuantitiesExactly(String name, String text, String value) {
        assertThat(Quantity.parse(text)).hasValueSatisfying(
                v -> assertThat(v).isEqualByComparingTo(new BigDecimal(value)));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "m", "abc", "1 m", " 1", "1mi", "1K", "1ki", "1e", "1e1.5", "1.2.3", "--1", "1Kii",
        "0x10", "1_000", "1e65", "1e-65", "1e99999999999999999999"})
    void refusesWhatIsNotAQuantity(String text) {
        assertThat(Quantity.parse(text)).isEmpty();
    }
}
