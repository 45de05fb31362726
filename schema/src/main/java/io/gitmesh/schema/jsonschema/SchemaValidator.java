package io.gitmesh.schema.jsonschema;

import io.gitmesh.schema.Diagnostic;
import io.gitmesh.schema.DocumentType;
import io.gitmesh.schema.yaml.SourceDocument;
import java.util.List;

/** STUB (to be replaced): validates a policy document against the JSON Schema of its type. */
public final class SchemaValidator {
    private static final SchemaValidator SHARED = new SchemaValidator();

    public static SchemaValidator shared() {
        return SHARED;
    }

    public List<Diagnostic> validate(SourceDocument doc, DocumentType type, String resource) {
        return List.of();
    }
}
