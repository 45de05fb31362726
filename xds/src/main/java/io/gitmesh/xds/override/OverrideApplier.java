package io.gitmesh.xds.override;

import com.google.protobuf.Message;
import io.gitmesh.schema.Diagnostic;
import io.gitmesh.schema.Severity;
import io.gitmesh.schema.policy.EnvoyOverride;
import io.gitmesh.schema.policy.EnvoyPatch;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Applies the overrides that select a workload to the resources generated for it, after translation
 * (DESIGN.md §6; as Istio applies EnvoyFilters, a late and isolated stage).
 *
 * <p>Order: overrides by namespace, then name (whatever order they are given in); the patches of
 * one override in the order written. An override applies whole or not at all: when one of its
 * patches fails — an added object that already exists, or a result Envoy would reject
 * ({@link Rejections}) for a reason the generated resource did not have — the workload's
 * resources are as they were before that override, the failure is an error diagnostic, and the next
 * override applies. A patch whose target matches nothing in this workload's config changes nothing
 * and is a warning.
 *
 * <p>Pure and deterministic: the same resources, workload and overrides give the same result.
 */
public final class OverrideApplier {

    public Patched apply(EnvoyResources resources, Workload workload, List<ValidOverride> overrides) {
        ResourceSet current = ResourceSet.of(resources);
        TargetMatcher matcher = new TargetMatcher();
        List<Diagnostic> diagnostics = new ArrayList<>();
        List<ValidOverride> ordered = overrides.stream()
                .sorted(Comparator.comparing((ValidOverride o) -> o.override().key()))
                .toList();
        for (ValidOverride override : ordered) {
            if (!selects(override.override(), workload)) {
                continue;
            }
            ResourceSet patched = current.copy();
            List<Diagnostic> found = new ArrayList<>();
            Optional<Diagnostic> failure = applyAll(override, patched, workload, matcher, found);
            if (failure.isPresent()) {
                diagnostics.add(failure.get());
            } else {
                current = patched;
                diagnostics.addAll(found);
            }
        }
        return new Patched(current.toResources(), diagnostics);
    }

    private static boolean selects(EnvoyOverride override, Workload workload) {
        return override.selector().selects(workload.namespace(), workload.serviceAccount(), workload.labels());
    }

    /** Applies the patches in order; the first failure, if any (then {@code resources} must be dropped). */
    private static Optional<Diagnostic> applyAll(ValidOverride override, ResourceSet resources, Workload workload,
            TargetMatcher matcher, List<Diagnostic> warnings) {
        EnvoyOverride source = override.override();
        for (ValidPatch valid : override.patches()) {
            EnvoyPatch patch = valid.patch();
            ResourceSet before = resources.copy();
            Outcome outcome = PatchStep.apply(valid, resources, matcher);
            Optional<String> failure = switch (outcome) {
                case Outcome.Failed failed -> Optional.of(failed.reason());
                case Outcome.NoMatch noMatch -> {
                    warnings.add(Reports.of(source, Severity.WARNING, Reports.pointerOf(patch), Reports.describe(patch)
                            + " matched nothing in the config of workload " + workload.describe()
                            + "; it changed nothing"));
                    yield Optional.empty();
                }
                case Outcome.Changed changed -> broken(changed.resources(), before, resources);
            };
            if (failure.isPresent()) {
                return Optional.of(Reports.of(source, Severity.ERROR, Reports.pointerOf(patch),
                        Reports.describe(patch) + " failed for workload " + workload.describe() + ": "
                                + failure.get() + ". " + source.key() + " is not applied to this workload, which"
                                + " is served without it"));
            }
        }
        return Optional.empty();
    }

    /**
     * Why Envoy would reject a resource the patch changed, or empty. Only problems the patch brought
     * in count: one the generated resource already had is not this override's doing.
     */
    private static Optional<String> broken(List<ResourceRef> changed, ResourceSet before, ResourceSet after) {
        for (ResourceRef ref : changed) {
            List<String> problems = new ArrayList<>(Rejections.of(after.of(ref.type()).get(ref.name())));
            Message earlier = before.of(ref.type()).get(ref.name());
            if (earlier != null) {
                problems.removeAll(Rejections.of(earlier));
            }
            if (!problems.isEmpty()) {
                return Optional.of("the patched " + ref.describe() + " would be rejected by Envoy: "
                        + String.join("; ", problems));
            }
        }
        return Optional.empty();
    }
}
