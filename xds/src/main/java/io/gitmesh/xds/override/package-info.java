/**
 * Envoy overrides (DESIGN.md §6, "no cliffs"): the last, isolated stage before a workload's config is
 * served. {@link io.gitmesh.xds.override.OverrideValidator} checks each {@code EnvoyOverride}'s values
 * against the real Envoy types when a revision is validated, with a file and line for every problem;
 * {@link io.gitmesh.xds.override.OverrideApplier} applies the valid ones to the resources translated
 * for one workload, and leaves out an override that fails for it (the workload is served without it).
 * Pure: values in, values out.
 */
package io.gitmesh.xds.override;
