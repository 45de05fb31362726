package io.gitmesh.schema.check;

import io.gitmesh.schema.ClusterCatalog;
import io.gitmesh.schema.policy.EnvoyOverride;
import io.gitmesh.schema.policy.WorkloadSelector;

/**
 * EnvoyOverride rules that need the cluster: a selector naming a ServiceAccount the cluster does not
 * have selects no workload, which is a warning (the account may be created later), not an error. The
 * patches themselves are checked against the Envoy types by the xds module.
 */
final class OverrideChecks {
    private OverrideChecks() {
    }

    static void check(EnvoyOverride override, ClusterCatalog cluster, Findings findings) {
        WorkloadSelector selector = override.selector();
        if (selector.namespace().isEmpty() || selector.serviceAccount().isEmpty()) {
            return;
        }
        String namespace = selector.namespace().get();
        String account = selector.serviceAccount().get();
        if (!cluster.hasServiceAccount(namespace, account)) {
            findings.warning("/spec/selector/serviceAccount", "ServiceAccount " + namespace + "/" + account
                    + " does not exist in the cluster state; this override applies to no workload until it does");
        }
    }
}
