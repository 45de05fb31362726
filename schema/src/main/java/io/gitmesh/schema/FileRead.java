package io.gitmesh.schema;

import io.gitmesh.schema.kube.KubeObject;
import io.gitmesh.schema.policy.PolicyDocument;
import java.util.List;

/** What one file holds: its policy documents and Kubernetes objects in written order, and its diagnostics. */
public record FileRead(String path, List<PolicyDocument> policies, List<KubeObject> clusterObjects,
        List<Diagnostic> diagnostics) {
    public FileRead {
        policies = List.copyOf(policies);
        clusterObjects = List.copyOf(clusterObjects);
        diagnostics = List.copyOf(diagnostics);
    }
}
