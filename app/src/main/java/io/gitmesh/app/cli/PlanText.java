package io.gitmesh.app.cli;

import io.gitmesh.model.diff.AccessEntry;
import io.gitmesh.model.diff.Plan;
import io.gitmesh.model.diff.WeightChange;
import java.io.PrintWriter;
import java.util.List;
import java.util.function.Function;

/** A plan as text for people: the headline, then one section per kind of change that has any. */
final class PlanText {
    private PlanText() {
    }

    static void print(Plan plan, String from, String to, PrintWriter out) {
        if (plan.isEmpty()) {
            out.println("no changes: " + from + " and " + to + " compile to the same mesh");
            return;
        }
        out.println(from + " -> " + to + ": " + PlanSummary.of(plan));
        section(out, "Resources", plan.changes(), c -> String.format("%-9s %s", c.change().word(), c.resource()));
        section(out, "Access granted", plan.granted(), e -> "+ " + access(e));
        section(out, "Access revoked", plan.revoked(), e -> "- " + access(e));
        section(out, "Weights", plan.weights(), PlanText::weight);
        section(out, "Workloads whose config changes", plan.workloads(), Object::toString);
    }

    private static <T> void section(PrintWriter out, String title, List<T> items, Function<T, String> line) {
        if (!items.isEmpty()) {
            out.println();
            out.println(title + ":");
            items.forEach(item -> out.println("  " + line.apply(item)));
        }
    }

    private static String access(AccessEntry entry) {
        return entry.source() + " -> " + entry.destination() + " " + entry.route();
    }

    private static String weight(WeightChange weight) {
        return weight.service() + " route " + weight.route() + " to " + weight.backend() + ": " + weight.before()
                + "% -> " + weight.after() + "%";
    }
}
