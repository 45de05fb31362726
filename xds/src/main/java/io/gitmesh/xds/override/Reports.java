package io.gitmesh.xds.override;

import io.gitmesh.schema.Diagnostic;
import io.gitmesh.schema.Severity;
import io.gitmesh.schema.policy.EnvoyOverride;
import io.gitmesh.schema.policy.EnvoyPatch;
import io.gitmesh.schema.policy.PatchOperation;
import io.gitmesh.schema.policy.PatchTarget;
import io.gitmesh.schema.policy.TargetMatch;
import java.util.ArrayList;
import java.util.List;

/** Diagnostics about overrides, placed in their files, and patches described for messages. */
final class Reports {
    private Reports() {
    }

    static Diagnostic of(EnvoyOverride override, Finding finding) {
        return of(override, finding.severity(), finding.at().pointer(), finding.message());
    }

    static Diagnostic of(EnvoyOverride override, Severity severity, String pointer, String message) {
        return Diagnostic.of(severity, override.origin().file(), override.origin().at(pointer), pointer,
                override.key().toString(), message);
    }

    /** Where a problem with applying a patch is reported: its value, or the patch itself when it has none. */
    static String pointerOf(EnvoyPatch patch) {
        return patch.value().isPresent() ? patch.valuePointer() : patch.pointer();
    }

    /**
     * {@code spec.patches[1] (merge Cluster "web")},
     * {@code spec.patches[0] (remove every VirtualHost in RouteConfiguration "out")}.
     */
    static String describe(EnvoyPatch patch) {
        PatchTarget target = patch.target();
        String type = target.type().word();
        String what;
        if (patch.operation() == PatchOperation.ADD) {
            what = type + " \"" + patch.value().map(v -> v.path("name").asString()).orElse("") + "\"";
        } else if (target.name().isPresent()) {
            what = type + " \"" + target.name().get() + "\"";
        } else if (!target.match().isAny()) {
            what = type + "s matching " + conditions(target.match());
        } else {
            what = "every " + type;
        }
        String parent = target.parent()
                .map(p -> " in " + target.type().parent().orElseThrow().word() + " \"" + p + "\"")
                .orElse("");
        return FieldPath.of(patch.pointer()).dotted() + " (" + patch.operation().word() + " " + what + parent + ")";
    }

    private static String conditions(TargetMatch match) {
        List<String> conditions = new ArrayList<>();
        match.nameRegex().ifPresent(r -> conditions.add("nameRegex \"" + r + "\""));
        match.port().ifPresent(p -> conditions.add("port " + p));
        match.domain().ifPresent(d -> conditions.add("domain \"" + d + "\""));
        return String.join(", ", conditions);
    }
}
