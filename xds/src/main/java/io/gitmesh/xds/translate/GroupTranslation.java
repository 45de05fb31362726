package io.gitmesh.xds.translate;

import io.gitmesh.schema.Diagnostic;
import io.gitmesh.xds.ProxyConfig;
import io.gitmesh.xds.SnapshotGroup;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one snapshot group's config was built from, and the config: the next revision reuses it while
 * the inputs stay equal.
 *
 * @param group       the snapshot group
 * @param scope       what the translation read
 * @param translated  the translation of {@code scope}
 * @param labels      the labels the Envoy overrides were matched against (empty when none applied)
 * @param config      {@code translated} with the overrides that select the group applied
 * @param diagnostics what applying them had to say
 */
record GroupTranslation(SnapshotGroup group, ProxyScope scope, ProxyConfig translated, Map<String, String> labels,
        ProxyConfig config, List<Diagnostic> diagnostics) {
    GroupTranslation {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(translated, "translated");
        labels = Map.copyOf(labels);
        Objects.requireNonNull(config, "config");
        diagnostics = List.copyOf(diagnostics);
    }

    /** A group no override applies to: served as translated. */
    static GroupTranslation unpatched(SnapshotGroup group, ProxyScope scope, ProxyConfig translated) {
        return new GroupTranslation(group, scope, translated, Map.of(), translated, List.of());
    }
}
