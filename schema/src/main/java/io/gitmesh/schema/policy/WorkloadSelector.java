package io.gitmesh.schema.policy;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which workloads an {@link EnvoyOverride} applies to; every condition given must hold.
 *
 * @param namespace      the workloads' namespace; empty for every namespace ({@code "*"} in YAML)
 * @param serviceAccount the workloads' ServiceAccount (their identity); empty for any
 * @param labels         labels a workload must carry, each with exactly this value; empty for any
 */
public record WorkloadSelector(Optional<String> namespace, Optional<String> serviceAccount,
        Map<String, String> labels) {
    /** How "every namespace" is written. */
    public static final String ALL_NAMESPACES = "*";

    public WorkloadSelector {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(serviceAccount, "serviceAccount");
        labels = Map.copyOf(labels);
    }

    /** Whether a workload of this namespace, ServiceAccount and labels is selected. */
    public boolean selects(String workloadNamespace, String workloadServiceAccount,
            Map<String, String> workloadLabels) {
        return namespace.map(workloadNamespace::equals).orElse(true)
                && serviceAccount.map(workloadServiceAccount::equals).orElse(true)
                && labels.entrySet().stream().allMatch(l -> l.getValue().equals(workloadLabels.get(l.getKey())));
    }
}
