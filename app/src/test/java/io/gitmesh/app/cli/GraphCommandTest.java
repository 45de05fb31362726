package io.gitmesh.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code gitmesh graph} on sample-repo. */
class GraphCommandTest {
    private static final String REPO = SampleRepo.PATH.toString();

    @Test
    void mermaidByDefault() {
        CliRun run = CliRun.of("graph", REPO);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("flowchart LR\n")
                .contains("i4([\"bookthief/bookthief\"])")
                .contains("-->|\"bookstore/bookstore-service-routes/books-bought<br/>"
                        + "bookstore/bookstore-service-routes/buy-a-book\"|")
                .contains("-.->|\"100%\"|").contains("-.->|\"0%\"|")
                .contains("-->|\"tcp\"|");
    }

    @Test
    void dot() {
        CliRun run = CliRun.of("graph", REPO, "-o", "dot");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("digraph mesh {\n  rankdir=LR;\n").endsWith("}\n")
                .contains("[label=\"bookbuyer/bookbuyer\", shape=ellipse];");
    }

    @Test
    void json() {
        CliRun run = CliRun.of("graph", REPO, "-o", "json");

        assertThat(run.exitCode()).isZero();
        JsonNode graph = DiagnosticsOutput.JSON.readTree(run.out());
        assertThat(graph.get("identities").values()).extracting(JsonNode::asString).containsExactly(
                "bookbuyer/bookbuyer", "bookstore/bookstore-v1", "bookstore/bookstore-v2", "bookthief/bookthief",
                "bookwarehouse/bookwarehouse", "bookwarehouse/mysql");
        assertThat(graph.get("ports").get(0).toString())
                .isEqualTo("{\"service\":\"bookstore/bookstore\",\"port\":14001,\"transport\":\"tcp\"}");
        assertThat(graph.get("access").toString()).contains("{\"source\":\"bookwarehouse/bookwarehouse\","
                + "\"destination\":\"bookwarehouse/mysql\",\"port\":3306,\"routes\":[\"tcp\"]}");
        assertThat(graph.get("splits").toString()).isEqualTo("[{\"service\":\"bookstore/bookstore\",\"port\":14001,"
                + "\"route\":\"*\",\"backend\":\"bookstore/bookstore-v1\",\"weight\":100},"
                + "{\"service\":\"bookstore/bookstore\",\"port\":14001,"
                + "\"route\":\"*\",\"backend\":\"bookstore/bookstore-v2\",\"weight\":0}]");
    }

    @Test
    void anInvalidRepositoryHasNoGraph(@TempDir Path tmp) {
        Path repo = SampleRepo.copy(tmp, "broken");
        SampleRepo.edit(repo, "policy/bookstore-split.yaml", "weight: 0", "weight: none");

        CliRun run = CliRun.of("graph", repo.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("gitmesh: " + repo + " is invalid (1 error");
    }

    @Test
    void refDrawsACommitAndWithoutItTheWorkingTreeIsDrawnWithoutIgnoredFiles(@TempDir Path tmp) {
        try (PolicyHistory history = PolicyHistory.ofSampleRepo(tmp)) {
            history.write(".gitignore", "scratch/\n");
            String first = history.commit("The bookstore as it is");
            SampleRepo.letBookthiefBuyFromV1(history.dir());
            history.write("sample-repo/scratch/notes.yaml", "this: [is not yaml\n");
            String dir = history.dir().toString();

            CliRun head = CliRun.of("graph", dir, "--ref", PolicyHistory.abbreviated(first), "-o", "json");
            CliRun workingTree = CliRun.of("graph", dir, "-o", "json");

            assertThat(head.exitCode()).as(head.err()).isZero();
            assertThat(sources(head)).doesNotContain("bookthief/bookthief");
            assertThat(workingTree.exitCode()).as(workingTree.err()).isZero();
            assertThat(sources(workingTree)).contains("bookthief/bookthief");
        }
    }

    @Test
    void anInvalidRefHasNoGraph(@TempDir Path tmp) {
        try (PolicyHistory history = PolicyHistory.ofSampleRepo(tmp)) {
            history.edit("policy/bookstore-split.yaml", "weight: 0", "weight: none");
            String broken = history.commit("Broken split");

            CliRun run = CliRun.of("graph", history.dir().toString(), "--ref", "main");

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).startsWith("gitmesh: --ref main (" + PolicyHistory.abbreviated(broken)
                    + ") is invalid (1 error");
        }
    }

    private static List<String> sources(CliRun run) {
        return DiagnosticsOutput.JSON.readTree(run.out()).get("access").values().stream()
                .map(edge -> edge.get("source").asString()).toList();
    }

    @Test
    void textIsNotAGraphFormat() {
        CliRun run = CliRun.of("graph", REPO, "-o", "text");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("graph prints mermaid, dot, json; not text");
    }
}
