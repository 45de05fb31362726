package io.gitmesh.schema.check;

import io.gitmesh.schema.CheckedPolicy;
import io.gitmesh.schema.ClusterCatalog;
import io.gitmesh.schema.PolicyRead;

/** STUB (to be replaced): the semantic rules of the policy language. */
public final class PolicyChecker {
    public CheckedPolicy check(PolicyRead read, ClusterCatalog cluster) {
        return new CheckedPolicy(read.policies(), read.diagnostics());
    }
}
