package io.gitmesh.app.cli;

import io.gitmesh.model.diff.Plan;
import java.util.ArrayList;
import java.util.List;

/** The headline of a plan for people: {@code 2 resources changed, 1 route granted, 3 workloads}. */
final class PlanSummary {
    private PlanSummary() {
    }

    static String of(Plan plan) {
        if (plan.isEmpty()) {
            return "no changes";
        }
        List<String> parts = new ArrayList<>();
        add(parts, plan.changes().size(), "resource changed", "resources changed");
        add(parts, plan.granted().size(), "route granted", "routes granted");
        add(parts, plan.revoked().size(), "route revoked", "routes revoked");
        add(parts, plan.weights().size(), "weight moved", "weights moved");
        add(parts, plan.workloads().size(), "workload with new config", "workloads with new config");
        return String.join(", ", parts);
    }

    private static void add(List<String> parts, int count, String one, String many) {
        if (count > 0) {
            parts.add(count + " " + (count == 1 ? one : many));
        }
    }
}
