package io.gitmesh.schema.policy;

import java.util.List;
import java.util.Objects;

/**
 * gitmesh.io/v1alpha1 EnvoyOverride (DESIGN.md §6): patches applied to the Envoy resources gitmesh
 * generates for the selected workloads, after translation, for what SMI cannot say. The patches of
 * one override apply in the order written, and together: if one fails for a workload, none of them
 * apply to it.
 */
public record EnvoyOverride(Meta meta, WorkloadSelector selector, List<EnvoyPatch> patches)
        implements PolicyDocument {
    public static final String KIND = "EnvoyOverride";

    public EnvoyOverride {
        Objects.requireNonNull(meta, "meta");
        Objects.requireNonNull(selector, "selector");
        patches = List.copyOf(patches);
    }

    @Override
    public String kind() {
        return KIND;
    }
}
