package io.gitmesh.bench;

import io.gitmesh.reconciler.loop.AppliedRevision;
import io.gitmesh.reconciler.loop.MeshSink;
import io.gitmesh.xds.override.OverrideValidator;
import io.gitmesh.xds.override.ValidOverride;
import io.gitmesh.xds.translate.ProxyConfigs;
import io.gitmesh.xds.translate.TranslateOptions;
import java.util.List;

/**
 * The translation {@code gitmesh run}'s sink does for every applied revision — the Envoy overrides
 * validated, then every identity of the mesh translated for each flavour with them applied, groups
 * whose inputs did not change reused from the previous revision — kept
 * here instead of being handed to an xDS server (no publish, no serialization, no push).
 */
final class TranslatingSink implements MeshSink {
    private final ProxyConfigs proxyConfigs = new ProxyConfigs();
    private final OverrideValidator overrides = new OverrideValidator();
    private final TranslateOptions options = TranslateOptions.insecurePlaintextGrpc();
    /** A volatile store the JIT cannot drop, so neither can it drop the translation; the next revision reuses it. */
    private volatile ProxyConfigs.Result translated = ProxyConfigs.Result.empty();

    @Override
    public void publish(AppliedRevision revision) {
        List<ValidOverride> valid = overrides.validate(revision.compiled().checked().policies().envoyOverrides())
                .valid();
        translated = proxyConfigs.build(revision.mesh(), revision.compiled().cluster(), valid, options, translated);
    }
}
