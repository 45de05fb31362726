package io.gitmesh.xds.override;

import io.gitmesh.schema.Diagnostic;
import io.gitmesh.schema.PolicySet;
import io.gitmesh.schema.check.PolicyCheck;
import java.util.List;

/**
 * Validation of EnvoyOverride values against the real Envoy protos, as a check of every revision:
 * an override Envoy would reject makes the commit invalid, so it never reaches a proxy.
 */
public final class OverrideCheck implements PolicyCheck {
    private final OverrideValidator validator = new OverrideValidator();

    @Override
    public List<Diagnostic> check(PolicySet policies) {
        return validator.validate(policies.envoyOverrides()).diagnostics();
    }
}
