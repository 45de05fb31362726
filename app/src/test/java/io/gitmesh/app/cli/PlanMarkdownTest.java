package io.gitmesh.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitmesh.model.Identity;
import io.gitmesh.model.ServiceRef;
import io.gitmesh.model.cluster.Transport;
import io.gitmesh.model.diff.AccessEntry;
import io.gitmesh.model.diff.AccessSource;
import io.gitmesh.model.diff.Plan;
import io.gitmesh.model.diff.PortRef;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A plan too long for a pull-request comment is cut; JSON keeps it whole. */
class PlanMarkdownTest {
    private static Plan granting(int ports) {
        List<AccessEntry> granted = IntStream.rangeClosed(1, ports)
                .mapToObj(p -> new AccessEntry(AccessSource.of(new Identity("a", "caller")),
                        new PortRef(new ServiceRef("b", "wide"), 1000 + p, Transport.TCP), "tcp"))
                .toList();
        return new Plan(List.of(), granted, List.of(), List.of(), List.of(new Identity("a", "caller")));
    }

    @Test
    void tablesStopAfterFiftyRows() {
        String markdown = PlanMarkdown.of(granting(PlanMarkdown.MAX_ROWS + 7), "old", "new");

        assertThat(markdown.lines().filter(l -> l.startsWith("| granted |"))).hasSize(PlanMarkdown.MAX_ROWS);
        assertThat(markdown).contains("| granted | `a/caller` | `b/wide` | 1050 | `tcp` |\n")
                .doesNotContain("| 1051 |")
                .contains("\n… and 7 more: `gitmesh diff -o json` lists them all.\n");
    }

    @Test
    void aGraphTooLargeToReadIsNotDrawn() {
        String small = PlanMarkdown.of(granting(PlanMarkdown.MAX_GRAPH_EDGES), "old", "new");
        String large = PlanMarkdown.of(granting(PlanMarkdown.MAX_GRAPH_EDGES + 1), "old", "new");

        assertThat(small).contains("```mermaid\nflowchart LR\n");
        assertThat(large).doesNotContain("```mermaid").contains("\nThe graph of these changes has 61 edges: too many "
                + "to draw here (`gitmesh graph` draws a revision's whole mesh).\n");
    }
}
