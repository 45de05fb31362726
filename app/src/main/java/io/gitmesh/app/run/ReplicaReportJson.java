package io.gitmesh.app.run;

import io.gitmesh.ca.Fingerprint;
import io.gitmesh.ca.rotation.ReplicaReport;
import io.gitmesh.ca.rotation.RootRotation;
import io.gitmesh.ca.rotation.RootRotation.Stage;
import io.gitmesh.ca.rotation.RotationFacts;
import java.time.Instant;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A {@link ReplicaReport} as one line of JSON, e.g.
 * {@code {"replica":"gitmesh-b","stage":"trusting-new-root","oldRoot":"…","newRoot":"…","proxiesWithoutNewRoot":2,
 * "liveCertificatesOfOldRoot":0,"reportedAt":"2026-11-29T10:00:00Z"}} (roots as 64 hex digits).
 */
final class ReplicaReportJson {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ReplicaReportJson() {
    }

    static String write(ReplicaReport report) {
        RootRotation applied = report.applied();
        ObjectNode node = JSON.createObjectNode()
                .put("replica", report.replica())
                .put("stage", applied.stage().label())
                .put("oldRoot", applied.oldRoot().sha256());
        applied.newRoot().ifPresent(root -> node.put("newRoot", root.sha256()));
        node.put("proxiesWithoutNewRoot", report.facts().proxiesWithoutNewRoot())
                .put("liveCertificatesOfOldRoot", report.facts().liveCertificatesOfOldRoot())
                .put("reportedAt", report.reportedAt().toString());
        return JSON.writeValueAsString(node);
    }

    /**
     * The report {@code json} holds.
     *
     * @throws IllegalArgumentException naming what is missing or wrong
     */
    static ReplicaReport read(String json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
        Stage stage = Stage.ofLabel(text(node, "stage"))
                .orElseThrow(() -> new IllegalArgumentException("unknown stage " + node.path("stage")));
        Optional<Fingerprint> newRoot = node.has("newRoot") ? Optional.of(new Fingerprint(text(node, "newRoot")))
                : Optional.empty();
        RootRotation applied = new RootRotation(stage, new Fingerprint(text(node, "oldRoot")), newRoot);
        RotationFacts facts = new RotationFacts(count(node, "proxiesWithoutNewRoot"),
                count(node, "liveCertificatesOfOldRoot"));
        Instant reportedAt;
        try {
            reportedAt = Instant.parse(text(node, "reportedAt"));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("reportedAt is not an instant: " + e.getMessage(), e);
        }
        return new ReplicaReport(text(node, "replica"), applied, facts, reportedAt);
    }

    private static String text(JsonNode node, String field) {
        if (!node.path(field).isString()) {
            throw new IllegalArgumentException("the string " + field + " is missing");
        }
        return node.path(field).asString();
    }

    private static int count(JsonNode node, String field) {
        if (!node.path(field).isInt()) {
            throw new IllegalArgumentException("the count " + field + " is missing");
        }
        return node.path(field).asInt();
    }
}
