package io.gitmesh.schema.check;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.gitmesh.schema.CheckedPolicy;
import io.gitmesh.schema.ClusterCatalog;
import io.gitmesh.schema.Diagnostic;
import io.gitmesh.schema.PolicyRead;
import io.gitmesh.schema.PolicyReader;
import io.gitmesh.schema.SourceFile;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class Re2SyntaxTest {
    private static final String ROUTES = """
            apiVersion: specs.smi-spec.io/v1alpha4
            kind: HTTPRouteGroup
            metadata: {name: routes, namespace: shop}
            spec:
              matches:
              - {name: good, pathRegex: "/books/[0-9]+"}
              - {name: bad, pathRegex: "/(?=books)"}
            """;

    @Test
    void remembersTheAnswerForEachExpression() {
        Re2Syntax re2 = new Re2Syntax();

        assertThat(re2.problem("/books/[0-9]+")).isEmpty();
        assertThat(re2.problem("/(?=books)")).hasValue("invalid or unsupported Perl syntax");
        assertThat(re2.problem("/(?=books)")).isEqualTo(re2.problem("/(?=books)"));
        assertThat(re2.problem("/books/[0-9]+")).isEmpty();
    }

    @Test
    void answersTheSameOnceFull() {
        Re2Syntax re2 = new Re2Syntax();
        IntStream.range(0, Re2Syntax.CAPACITY).forEach(i -> re2.problem("/p" + i));

        assertThat(re2.problem("/(?=books)")).isPresent();
        assertThat(re2.problem("/p1")).isEmpty();
    }

    @Test
    void aCheckerReusedForTheNextRevisionReportsTheSameBadRegex() {
        PolicyChecker checker = new PolicyChecker();

        List<String> first = regexErrors(checker.check(read(ROUTES), ClusterCatalog.UNKNOWN));
        List<String> second = regexErrors(checker.check(read(ROUTES), ClusterCatalog.UNKNOWN));

        assertThat(first).singleElement().asString().contains("bad.yaml:7").contains("/(?=books)");
        assertThat(second).isEqualTo(first);
    }

    private static PolicyRead read(String text) {
        return new PolicyReader().read(List.of(new SourceFile("bad.yaml", text.getBytes(UTF_8))));
    }

    private static List<String> regexErrors(CheckedPolicy checked) {
        return checked.diagnostics().stream().filter(Diagnostic::isError).map(Diagnostic::toText)
                .filter(t -> t.contains("RE2")).toList();
    }
}
