package io.gitmesh.schema;

import java.util.List;

/**
 * The result of checking a revision: the documents that are fit to compile (a bad document and what
 * depends on it are left out) and all diagnostics, sorted. A revision with any error is not applied.
 */
public record CheckedPolicy(PolicySet policies, List<Diagnostic> diagnostics) {
    public CheckedPolicy {
        diagnostics = diagnostics.stream().sorted().distinct().toList();
    }

    public boolean valid() {
        return diagnostics.stream().noneMatch(Diagnostic::isError);
    }

    public List<Diagnostic> errors() {
        return diagnostics.stream().filter(Diagnostic::isError).toList();
    }
}
