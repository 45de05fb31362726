package io.gitmesh.app.deploy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;

/** The RBAC that deploy/ gives gitmesh's ServiceAccount: the kustomize base and its optional components. */
final class DeployRbac {
    static final String SERVICE_ACCOUNT = "gitmesh";

    private DeployRbac() {
    }

    static RbacPolicy policy() {
        List<HasMetadata> objects = new ArrayList<>(Kustomization.read(DeployTree.KUSTOMIZE_BASE).build());
        objects.addAll(Kustomization.read(DeployTree.CERT_MANAGER_COMPONENT).build());
        return RbacPolicy.forServiceAccount(objects, DeployTree.NAMESPACE, SERVICE_ACCOUNT);
    }
}
