package io.gitmesh.schema.normalize;

import io.gitmesh.schema.DocumentType;
import io.gitmesh.schema.policy.PolicyDocument;
import io.gitmesh.schema.yaml.SourceDocument;
import java.util.List;

/** STUB (to be replaced): turns a schema-valid policy document of any version into its record. */
public final class Normalizer {
    public Normalized<PolicyDocument> normalize(SourceDocument doc, DocumentType type) {
        return Normalized.failed(List.of());
    }
}
