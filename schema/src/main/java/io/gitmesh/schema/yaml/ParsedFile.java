package io.gitmesh.schema.yaml;

import io.gitmesh.schema.Diagnostic;
import java.util.List;

/** The documents read from one file, and what went wrong reading it. */
public record ParsedFile(String path, List<SourceDocument> documents, List<Diagnostic> diagnostics) {
    public ParsedFile {
        documents = List.copyOf(documents);
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
}
