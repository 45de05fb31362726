package io.gitmesh.xds.override;

import io.gitmesh.schema.Diagnostic;
import java.util.List;

/**
 * A workload's resources after its overrides, and what happened: an error for each override that
 * could not be applied (the workload is served without it), a warning for each patch that matched
 * nothing.
 */
public record Patched(EnvoyResources resources, List<Diagnostic> diagnostics) {
    public Patched {
        java.util.Objects.requireNonNull(resources, "resources");
        diagnostics = List.copyOf(diagnostics);
    }
}
