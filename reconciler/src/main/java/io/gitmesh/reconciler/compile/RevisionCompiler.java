package io.gitmesh.reconciler.compile;

import io.gitmesh.schema.CheckedPolicy;
import io.gitmesh.schema.ClusterCatalog;
import io.gitmesh.schema.Diagnostic;
import io.gitmesh.schema.Limits;
import io.gitmesh.schema.PolicyRead;
import io.gitmesh.schema.PolicyReader;
import io.gitmesh.schema.Severity;
import io.gitmesh.schema.SourceFiles;
import io.gitmesh.schema.check.PolicyChecker;
import io.gitmesh.schema.kube.KubeObject;
import io.gitmesh.schema.kube.KubeServiceAccount;
import io.gitmesh.schema.kube.KubeService;
import io.gitmesh.schema.kube.KubeWorkload;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One revision from files to a checked policy: read the policy files and the cluster-state files,
 * check the policy against the cluster, and report everything in one sorted list. Pure: the files
 * are already read.
 */
public final class RevisionCompiler {
    private final PolicyReader reader;
    private final PolicyChecker checker = new PolicyChecker();

    public RevisionCompiler(Limits limits) {
        this.reader = new PolicyReader(limits);
    }

    /**
     * @param policy       the policy repository's files (may hold Kubernetes objects too)
     * @param clusterState extra Kubernetes objects that stand in for the cluster (may be empty)
     */
    public CompiledRevision compile(SourceFiles policy, SourceFiles clusterState) {
        List<Diagnostic> diagnostics = new ArrayList<>(policy.diagnostics());
        PolicyRead read = reader.read(policy.files());
        List<KubeObject> objects = new ArrayList<>(read.clusterObjects());
        if (!clusterState.files().isEmpty() || !clusterState.diagnostics().isEmpty()) {
            diagnostics.addAll(clusterState.diagnostics());
            PolicyRead state = reader.read(clusterState.files());
            diagnostics.addAll(state.diagnostics());
            objects.addAll(state.clusterObjects());
            state.policies().documents().forEach(d -> diagnostics.add(Diagnostic.of(Severity.WARNING,
                    d.origin().file(), d.origin().start(), "", d.key().toString(),
                    "policy documents in the cluster-state input are ignored; put them in the policy repository")));
        }
        CheckedPolicy checked = checker.check(read, catalog(objects));
        diagnostics.addAll(checked.diagnostics());
        return new CompiledRevision(checked, diagnostics);
    }

    private static ClusterCatalog catalog(List<KubeObject> objects) {
        if (objects.isEmpty()) {
            return ClusterCatalog.UNKNOWN;
        }
        Set<String> services = new HashSet<>();
        Set<String> accounts = new HashSet<>();
        for (KubeObject o : objects) {
            switch (o) {
                case KubeService s -> services.add(s.meta().namespace() + "/" + s.meta().name());
                case KubeServiceAccount a -> accounts.add(a.meta().namespace() + "/" + a.meta().name());
                case KubeWorkload w -> accounts.add(w.meta().namespace() + "/" + w.serviceAccount());
                default -> { }
            }
        }
        return new ClusterCatalog() {
            @Override
            public boolean known() {
                return true;
            }

            @Override
            public boolean hasService(String namespace, String name) {
                return services.contains(namespace + "/" + name);
            }

            @Override
            public boolean hasServiceAccount(String namespace, String name) {
                return accounts.contains(namespace + "/" + name);
            }
        };
    }

}
