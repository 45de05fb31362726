package io.gitmesh.schema.normalize;

import io.gitmesh.schema.DocumentType;
import io.gitmesh.schema.kube.KubeObject;
import io.gitmesh.schema.yaml.SourceDocument;
import java.util.List;

/** STUB (to be replaced): reads the fields gitmesh needs from a Kubernetes object. */
public final class KubeReader {
    public Normalized<KubeObject> read(SourceDocument doc, DocumentType type) {
        return Normalized.failed(List.of());
    }
}
