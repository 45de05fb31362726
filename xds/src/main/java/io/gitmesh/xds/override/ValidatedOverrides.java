package io.gitmesh.xds.override;

import io.gitmesh.schema.Diagnostic;
import java.util.List;

/**
 * What {@link OverrideValidator} found: the overrides fit to apply (in the order given) and every
 * diagnostic, sorted. An override with an error is not among them; warnings leave it in.
 */
public record ValidatedOverrides(List<ValidOverride> valid, List<Diagnostic> diagnostics) {
    public ValidatedOverrides {
        valid = List.copyOf(valid);
        diagnostics = diagnostics.stream().sorted().toList();
    }
}
