package io.gitmesh.schema.normalize;

import io.gitmesh.schema.Diagnostic;
import java.util.List;
import java.util.Optional;

/** A value read from a document (absent when the document could not be read) and what was found. */
public record Normalized<T>(Optional<T> value, List<Diagnostic> diagnostics) {
    public Normalized {
        diagnostics = List.copyOf(diagnostics);
    }

    public static <T> Normalized<T> of(T value, List<Diagnostic> diagnostics) {
        return new Normalized<>(Optional.of(value), diagnostics);
    }

    public static <T> Normalized<T> failed(List<Diagnostic> diagnostics) {
        return new Normalized<>(Optional.empty(), diagnostics);
    }
}
