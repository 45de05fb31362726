package io.gitmesh.schema.yaml;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.gitmesh.schema.Diagnostic;
import io.gitmesh.schema.Limits;
import io.gitmesh.schema.SourceFile;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each safety limit of DESIGN.md §3 against a hostile input: the answer is a diagnostic, it comes
 * back within a second of CPU time (a hang guard on wall time allows for a loaded machine), and no
 * documents are kept from the hostile part.
 */
class HostileYamlTest {
    private static final Duration HANG_GUARD = Duration.ofSeconds(10);
    private static final long FAST_CPU_NANOS = Duration.ofSeconds(1).toNanos();

    static Stream<Arguments> hostileInputs() {
        return Stream.of(
                Arguments.of("billion laughs (9 levels of 10 aliases)", billionLaughs(), "alias bomb"),
                Arguments.of("more aliases than the limit", manyAliases(150), "more than 100 aliases"),
                Arguments.of("50 MB file", fiftyMegabytes(), "over the limit of 1048576 bytes"),
                Arguments.of("10,000-deep flow nesting", "a: " + "[".repeat(10_000) + "]".repeat(10_000),
                        "nesting deeper than 64 levels"),
                Arguments.of("1,000-deep block nesting", deepBlock(1_000), "nesting deeper than 64 levels"),
                Arguments.of("10,001 documents", "---\na: 1\n".repeat(10_001), "more than 10000 YAML documents"),
                Arguments.of("a recursive alias", "a: &a [*a]\n", "refers to no anchor"),
                Arguments.of("an unterminated quote", "a: \"never closed\nb: 2\n", "YAML syntax error"),
                Arguments.of("a tab used for indentation", "a:\n\tb: 1\n", "YAML syntax error"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileInputs")
    void answersWithADiagnosticQuickly(String name, Object input, String expected) {
        byte[] bytes = input instanceof byte[] b ? b : ((String) input).getBytes(UTF_8);
        SourceFile file = new SourceFile("hostile.yaml", bytes);
        ParsedFile parsed = assertTimeoutPreemptively(HANG_GUARD, () -> {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long before = threads.getCurrentThreadCpuTime();
            ParsedFile result = new YamlReader(Limits.DEFAULT).read(file);
            assertThat(threads.getCurrentThreadCpuTime() - before).as("CPU time of " + name)
                    .isLessThan(FAST_CPU_NANOS);
            return result;
        });
        assertThat(parsed.diagnostics()).as(name).anySatisfy(d -> {
            assertThat(d.isError()).isTrue();
            assertThat(d.file()).isEqualTo("hostile.yaml");
            assertThat(d.line()).isPositive();
            assertThat(d.message()).contains(expected);
        });
        assertThat(parsed.diagnostics()).filteredOn(Diagnostic::isError).hasSize(1);
    }

    private static String billionLaughs() {
        StringBuilder b = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        char prev = 'a';
        for (char c = 'b'; c <= 'i'; c++) {
            b.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 10; i++) {
                b.append(i == 0 ? "" : ",").append('*').append(prev);
            }
            b.append("]\n");
            prev = c;
        }
        return b.toString();
    }

    private static String manyAliases(int n) {
        StringBuilder b = new StringBuilder("x: &x 1\nlist:\n");
        for (int i = 0; i < n; i++) {
            b.append("- *x\n");
        }
        return b.toString();
    }

    private static byte[] fiftyMegabytes() {
        byte[] bytes = new byte[50 * 1024 * 1024];
        java.util.Arrays.fill(bytes, (byte) 'a');
        bytes[0] = 'k';
        bytes[1] = ':';
        bytes[2] = ' ';
        return bytes;
    }

    private static String deepBlock(int depth) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            b.append(" ".repeat(i)).append("k:\n");
        }
        return b.toString();
    }
}
