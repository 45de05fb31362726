package io.gitmesh.reconciler.compile;

import io.gitmesh.schema.CheckedPolicy;
import io.gitmesh.schema.Diagnostic;
import java.util.List;

/**
 * A revision read, checked and (when valid) compiled. Diagnostics include those of the sources
 * (symlinks, size limits) and of the cluster-state input.
 */
public record CompiledRevision(CheckedPolicy checked, List<Diagnostic> diagnostics) {
    public CompiledRevision {
        diagnostics = diagnostics.stream().sorted().distinct().toList();
    }

    public boolean valid() {
        return diagnostics.stream().noneMatch(Diagnostic::isError);
    }
}
