package io.gitmesh.app.cli;

import io.gitmesh.model.diff.AccessEntry;
import io.gitmesh.model.diff.Plan;
import io.gitmesh.model.graph.MeshGraph;
import io.gitmesh.model.graph.Mermaid;
import java.util.List;
import java.util.stream.Stream;

/**
 * A plan as Markdown to post as a pull-request comment: a headline, a table of resources, tables of
 * access and weights, the workloads, and a Mermaid graph of the edges that change. Long lists are cut
 * (a comment has a size limit, and a reader's attention one too): {@code -o json} has them all.
 */
final class PlanMarkdown {
    static final int MAX_ROWS = 50;
    static final int MAX_GRAPH_EDGES = 60;

    private PlanMarkdown() {
    }

    static String of(Plan plan, String from, String to) {
        StringBuilder md = new StringBuilder("### gitmesh plan: ").append(PlanSummary.of(plan)).append("\n\n")
                .append(code(from)).append(" → ").append(code(to)).append('\n');
        if (plan.isEmpty()) {
            return md.append("\nBoth compile to the same mesh: merging changes nothing the proxies see.\n").toString();
        }
        if (!plan.changes().isEmpty()) {
            md.append("\n| Resource | Change |\n|---|---|\n");
            rows(md, plan.changes().size(), plan.changes().stream()
                    .map(c -> List.of(code(c.resource()), c.change().word())));
        }
        if (!plan.granted().isEmpty() || !plan.revoked().isEmpty()) {
            md.append("\n#### Access\n\n| | Source | Destination | Port | Route |\n|---|---|---|---|---|\n");
            rows(md, plan.granted().size() + plan.revoked().size(),
                    Stream.concat(access("granted", plan.granted()), access("revoked", plan.revoked())));
        }
        if (!plan.weights().isEmpty()) {
            md.append("\n#### Weights\n\n| Service | Port | Route | Backend | Before | After |\n"
                    + "|---|---|---|---|---|---|\n");
            rows(md, plan.weights().size(), plan.weights().stream().map(w -> List.of(
                    code(w.service().service().toString()), Integer.toString(w.service().port()), code(w.route()),
                    code(w.backend().toString()), w.before() + "%", w.after() + "%")));
        }
        if (!plan.workloads().isEmpty()) {
            md.append("\n#### Workloads whose config changes\n\n");
            plan.workloads().stream().limit(MAX_ROWS).forEach(id -> md.append("- ").append(code(id.toString()))
                    .append('\n'));
            more(md, plan.workloads().size());
        }
        graph(md, MeshGraph.ofChanges(plan));
        return md.toString();
    }

    private static void graph(StringBuilder md, MeshGraph changed) {
        int edges = changed.access().size() + changed.splits().size();
        if (edges == 0) {
            return;
        }
        if (edges > MAX_GRAPH_EDGES) {
            md.append("\nThe graph of these changes has ").append(edges)
                    .append(" edges: too many to draw here (`gitmesh graph` draws a revision's whole mesh).\n");
            return;
        }
        md.append("\n```mermaid\n").append(Mermaid.render(changed)).append("```\n");
    }

    private static Stream<List<String>> access(String change, List<AccessEntry> entries) {
        return entries.stream().map(e -> List.of(change, code(e.source().toString()),
                code(e.destination().service().toString()), Integer.toString(e.destination().port()), code(e.route())));
    }

    /** The first {@link #MAX_ROWS} rows of a table of {@code total}. */
    private static void rows(StringBuilder md, int total, Stream<List<String>> rows) {
        rows.limit(MAX_ROWS).forEach(cells -> md.append("| ").append(String.join(" | ", cells)).append(" |\n"));
        more(md, total);
    }

    private static void more(StringBuilder md, int total) {
        if (total > MAX_ROWS) {
            md.append("\n… and ").append(total - MAX_ROWS).append(" more: `gitmesh diff -o json` lists them all.\n");
        }
    }

    /** A code span that stays in its table cell: pipes escaped, backticks fenced by more backticks. */
    private static String code(String text) {
        String escaped = text.replace("|", "\\|");
        return escaped.contains("`") ? "`` " + escaped + " ``" : "`" + escaped + "`";
    }
}
