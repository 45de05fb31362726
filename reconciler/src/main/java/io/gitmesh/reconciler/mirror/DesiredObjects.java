package io.gitmesh.reconciler.mirror;

import io.gitmesh.schema.policy.PolicyDocument;
import io.gitmesh.schema.ResourceKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Turns a revision's SMI documents into the objects the cluster should hold: apiVersion, kind, name,
 * namespace, labels, annotations and spec as the user wrote them, plus the ownership label and the
 * source annotations. Documents the cluster cannot take (no CRD for the kind, or a version the CRD
 * does not serve) are held, with a notice; gitmesh does not convert between SMI versions.
 */
public final class DesiredObjects {
    /** Reads numbers and strings the same way whatever produced a tree, so equal values compare equal. */
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private DesiredObjects() {
    }

    /**
     * @param commit    the full commit id
     * @param documents the revision's policy documents (MeshConfig and EnvoyOverride are skipped)
     * @param served    the versions each kind's CRD serves, by kind; a kind without a CRD is absent
     */
    public static DesiredState of(String commit, List<PolicyDocument> documents, SourceTrees trees,
            Map<String, List<String>> served) {
        Objects.requireNonNull(commit, "commit");
        List<MirrorObject> objects = new ArrayList<>();
        Set<ResourceKey> held = new HashSet<>();
        List<Notice> notices = new ArrayList<>();
        for (PolicyDocument document : documents) {
            Optional<SmiKind> kind = SmiKind.of(document.kind());
            if (kind.isEmpty()) {
                continue;
            }
            String apiVersion = document.origin().apiVersion();
            String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
            List<String> versions = served.get(document.kind());
            Optional<JsonNode> root = trees.root(document.origin());
            String problem = versions == null
                    ? "the cluster has no CRD " + kind.get().crdName()
                            + "; install the SMI CRDs from deploy/ to mirror it"
                    : !versions.contains(version)
                    ? "written as " + apiVersion + ", which the cluster's CRD does not serve (it serves "
                            + String.join(", ", versions) + "); gitmesh does not convert SMI versions: write it as "
                            + kind.get().group() + "/" + versions.getFirst() + " to mirror it"
                    : root.isEmpty() ? "its source could not be read again" : null;
            if (problem != null) {
                held.add(document.key());
                notices.add(new Notice(document.key() + " (" + document.origin().describe() + ")",
                        "not mirrored into the cluster: " + problem));
                continue;
            }
            objects.add(object(commit, document, apiVersion, root.get()));
        }
        return new DesiredState(commit, objects, held, notices);
    }

    private static MirrorObject object(String commit, PolicyDocument document, String apiVersion, JsonNode root) {
        Map<String, String> labels = new TreeMap<>(document.meta().labels());
        labels.put(MirrorLabels.MANAGED_BY, MirrorLabels.MANAGED_BY_VALUE);
        Map<String, String> annotations = new TreeMap<>(document.meta().annotations());
        annotations.put(MirrorLabels.SOURCE_COMMIT, commit);
        annotations.put(MirrorLabels.SOURCE_FILE, document.origin().describe());
        JsonNode spec = root.has("spec") ? canonical(root.get("spec")) : JsonNodeFactory.instance.objectNode();
        return new MirrorObject(document.key(), apiVersion, labels, annotations, spec);
    }

    /** The tree as JSON text reads back: the form the API server stores and returns. */
    static JsonNode canonical(JsonNode node) {
        return JSON.readTree(JSON.writeValueAsString(node));
    }
}
