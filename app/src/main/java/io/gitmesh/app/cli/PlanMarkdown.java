package io.gitmesh.app.cli;

import io.gitmesh.model.diff.AccessEntry;
import io.gitmesh.model.diff.Plan;
import io.gitmesh.model.graph.MeshGraph;
import io.gitmesh.model.graph.Mermaid;
import java.util.List;

/**
 * A plan as Markdown to post as a pull-request comment: a headline, a table of resources, tables of
 * access and weights, the workloads, and a Mermaid graph of the edges that change.
 */
final class PlanMarkdown {
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
            plan.changes().forEach(c -> row(md, code(c.resource()), c.change().word()));
        }
        if (!plan.granted().isEmpty() || !plan.revoked().isEmpty()) {
            md.append("\n#### Access\n\n| | Source | Destination | Port | Route |\n|---|---|---|---|---|\n");
            access(md, "granted", plan.granted());
            access(md, "revoked", plan.revoked());
        }
        if (!plan.weights().isEmpty()) {
            md.append("\n#### Weights\n\n| Service | Port | Route | Backend | Before | After |\n"
                    + "|---|---|---|---|---|---|\n");
            plan.weights().forEach(w -> row(md, code(w.service().service().toString()),
                    Integer.toString(w.service().port()), code(w.route()), code(w.backend().toString()),
                    w.before() + "%", w.after() + "%"));
        }
        if (!plan.workloads().isEmpty()) {
            md.append("\n#### Workloads whose config changes\n\n");
            plan.workloads().forEach(id -> md.append("- ").append(code(id.toString())).append('\n'));
        }
        MeshGraph changed = MeshGraph.ofChanges(plan);
        if (!changed.access().isEmpty() || !changed.splits().isEmpty()) {
            md.append("\n```mermaid\n").append(Mermaid.render(changed)).append("```\n");
        }
        return md.toString();
    }

    private static void access(StringBuilder md, String change, List<AccessEntry> entries) {
        entries.forEach(e -> row(md, change, code(e.source().toString()), code(e.destination().service().toString()),
                Integer.toString(e.destination().port()), code(e.route())));
    }

    private static void row(StringBuilder md, String... cells) {
        md.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }

    /** A code span that stays in its table cell: pipes escaped, backticks fenced by more backticks. */
    private static String code(String text) {
        String escaped = text.replace("|", "\\|");
        return escaped.contains("`") ? "`` " + escaped + " ``" : "`" + escaped + "`";
    }
}
