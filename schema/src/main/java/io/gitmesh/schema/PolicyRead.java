package io.gitmesh.schema;

import io.gitmesh.schema.kube.KubeObject;
import java.util.List;

/**
 * What reading a revision's files produced: the policy documents that parsed and passed their
 * schema, the Kubernetes objects that stand in for the cluster, and every diagnostic so far.
 */
public record PolicyRead(PolicySet policies, List<KubeObject> clusterObjects, List<Diagnostic> diagnostics) {
    public PolicyRead {
        clusterObjects = KeyOrder.sorted(clusterObjects, KubeObject::kind, KubeObject::meta);
        diagnostics = diagnostics.stream().sorted().toList();
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
}
