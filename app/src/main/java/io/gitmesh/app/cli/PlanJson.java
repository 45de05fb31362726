package io.gitmesh.app.cli;

import io.gitmesh.model.diff.AccessEntry;
import io.gitmesh.model.diff.Plan;
import io.gitmesh.model.diff.ResourceChange;
import io.gitmesh.model.diff.WeightChange;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** A plan as the stable JSON of {@code gitmesh diff -o json} (docs/cli-json.md). */
final class PlanJson {
    private PlanJson() {
    }

    static ObjectNode of(Plan plan, String from, String to) {
        ObjectNode root = DiagnosticsOutput.JSON.createObjectNode();
        root.put("from", from);
        root.put("to", to);
        ArrayNode changes = root.putArray("changes");
        for (ResourceChange change : plan.changes()) {
            changes.addObject().put("resource", change.resource()).put("change", change.change().word());
        }
        ObjectNode access = root.putObject("access");
        entries(access.putArray("granted"), plan.granted());
        entries(access.putArray("revoked"), plan.revoked());
        ArrayNode weights = root.putArray("weights");
        for (WeightChange weight : plan.weights()) {
            weights.addObject()
                    .put("service", weight.service().service().toString())
                    .put("port", weight.service().port())
                    .put("route", weight.route())
                    .put("backend", weight.backend().toString())
                    .put("before", weight.before())
                    .put("after", weight.after());
        }
        ArrayNode workloads = root.putArray("workloads");
        plan.workloads().forEach(identity -> workloads.add(identity.toString()));
        return root;
    }

    private static void entries(ArrayNode array, List<AccessEntry> entries) {
        for (AccessEntry entry : entries) {
            array.addObject()
                    .put("source", entry.source().toString())
                    .put("destination", entry.destination().service().toString())
                    .put("port", entry.destination().port())
                    .put("route", entry.route());
        }
    }
}
