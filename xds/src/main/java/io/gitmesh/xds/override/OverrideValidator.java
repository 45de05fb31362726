package io.gitmesh.xds.override;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.gitmesh.schema.Diagnostic;
import io.gitmesh.schema.policy.EnvoyOverride;
import io.gitmesh.schema.policy.EnvoyPatch;
import io.gitmesh.schema.policy.PatchOperation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Checks every patch value of the overrides against the real Envoy type of its target (DESIGN.md §6):
 * a Listener, Cluster, RouteConfiguration, VirtualHost or HttpFilter of Envoy's v3 API, with every
 * {@code typed_config} parsed as the Envoy type its {@code @type} names. An unknown field, an unknown
 * type, a value of the wrong kind, each is a diagnostic at the line it is written on. A value that
 * replaces or adds a whole object must also keep Envoy's own validation rules ({@link ProtoRules});
 * a merged value is only a part, and is checked once merged, when it is applied.
 *
 * <p>An override with an error is not fit to apply, in whole: its patches belong together. Pure: no
 * IO; safe to share between threads.
 */
public final class OverrideValidator {

    public ValidatedOverrides validate(List<EnvoyOverride> overrides) {
        List<ValidOverride> valid = new ArrayList<>();
        List<Diagnostic> diagnostics = new ArrayList<>();
        for (EnvoyOverride override : overrides) {
            List<Diagnostic> found = new ArrayList<>();
            List<ValidPatch> patches = new ArrayList<>();
            for (EnvoyPatch patch : override.patches()) {
                validate(override, patch, found).ifPresent(patches::add);
            }
            diagnostics.addAll(found);
            if (found.stream().noneMatch(Diagnostic::isError)) {
                valid.add(new ValidOverride(override, patches));
            }
        }
        return new ValidatedOverrides(valid, diagnostics);
    }

    private static Optional<ValidPatch> validate(EnvoyOverride override, EnvoyPatch patch, List<Diagnostic> found) {
        Optional<JsonNode> written = patch.value();
        if (written.isEmpty()) {
            return Optional.of(new ValidPatch(patch, Optional.empty()));
        }
        FieldPath at = FieldPath.of(patch.valuePointer());
        ValueChecker.Result checked = ValueChecker.check(written.get(), patch.target().type(), at);
        checked.findings().forEach(f -> found.add(Reports.of(override, f)));
        if (checked.hasErrors()) {
            return Optional.empty();
        }
        Message value;
        try {
            value = ValueChecker.parse(written.get(), patch.target().type(), checked.registry());
        } catch (InvalidProtocolBufferException e) {
            found.add(Reports.of(override, Finding.error(at, at.dotted() + " is not a valid "
                    + EnvoyTypes.of(patch.target().type()).getFullName() + ": " + e.getMessage())));
            return Optional.empty();
        }
        if (patch.operation() == PatchOperation.REPLACE || patch.operation() == PatchOperation.ADD) {
            // a replaced object keeps its own name, so a replacement need not write one
            List<Finding> broken = ProtoRules.check(value, written.get(), at).stream()
                    .filter(f -> patch.operation() == PatchOperation.ADD || !f.at().equals(at.child("name")))
                    .toList();
            broken.forEach(f -> found.add(Reports.of(override, f)));
            if (!broken.isEmpty()) {
                return Optional.empty();
            }
        }
        return Optional.of(new ValidPatch(patch, Optional.of(value)));
    }
}
