package io.gitmesh.reconciler.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.gitmesh.schema.Diagnostic;
import io.gitmesh.schema.DocumentType;
import io.gitmesh.schema.Position;
import io.gitmesh.schema.Severity;
import io.gitmesh.schema.kube.KubeObject;
import io.gitmesh.schema.normalize.KubeReader;
import io.gitmesh.schema.normalize.Normalized;
import io.gitmesh.schema.yaml.PositionIndex;
import io.gitmesh.schema.yaml.SourceDocument;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * Reads a live object with the schema's {@link KubeReader}, the reader of cluster-state files, so both
 * inputs map to the same records by one set of rules. A live object has no file: its origin is
 * {@code cluster:<Kind>/<namespace>/<name>}. All origins share one empty position index, so the same
 * object read twice gives equal records (a resync is not a change).
 */
final class LiveObjectReader {
    private static final PositionIndex NO_POSITIONS = PositionIndex.of(Map.of());

    private final KubernetesSerialization serialization;
    private final KubeReader reader = new KubeReader();

    LiveObjectReader(KubernetesSerialization serialization) {
        this.serialization = Objects.requireNonNull(serialization, "serialization");
    }

    /** The record gitmesh reads from {@code object}, or the problems that keep it out. */
    Normalized<KubeObject> read(HasMetadata object) {
        String origin = "cluster:" + object.getKind() + "/" + (object.getMetadata().getNamespace() == null ? ""
                : object.getMetadata().getNamespace() + "/") + object.getMetadata().getName();
        DocumentType type = DocumentType.of(object.getApiVersion(), object.getKind()).orElse(null);
        if (type == null) {
            return Normalized.failed(List.of(Diagnostic.of(Severity.ERROR, origin, Position.UNKNOWN, "/kind", "",
                    object.getApiVersion() + " " + object.getKind() + " is not a kind gitmesh reads from the cluster")));
        }
        JsonNode tree = serialization.convertValue(object, JsonNode.class);
        return reader.read(new SourceDocument(origin, 0, Position.UNKNOWN, tree, NO_POSITIONS), type);
    }
}
