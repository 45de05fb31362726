package io.gitmesh.reconciler.compile;

import io.gitmesh.model.Mesh;
import io.gitmesh.model.cluster.ClusterState;
import io.gitmesh.model.compile.MeshCompiler;
import io.gitmesh.schema.CheckedPolicy;
import io.gitmesh.schema.Diagnostic;
import io.gitmesh.schema.Limits;
import io.gitmesh.schema.PolicyRead;
import io.gitmesh.schema.PolicyReader;
import io.gitmesh.schema.Severity;
import io.gitmesh.schema.SourceFiles;
import io.gitmesh.schema.check.PolicyCheck;
import io.gitmesh.schema.check.PolicyChecker;
import io.gitmesh.schema.kube.KubeObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One revision from files to a mesh: read the policy files and the cluster-state files, check the
 * policy against the cluster, and — when nothing is an error — compile the mesh. Everything found is
 * reported in one sorted list. The files are already read; parsing them, the costly part, runs on
 * all cores (files are independent until they are combined).
 */
public final class RevisionCompiler {
    private final PolicyReader reader;
    private final PolicyChecker checker = new PolicyChecker();
    private final MeshCompiler compiler = new MeshCompiler();

    private final ParseCache cache;
    private final List<PolicyCheck> extraChecks;

    /** A compiler that parses every file of every revision (the CLI: one revision per run). */
    public RevisionCompiler(Limits limits) {
        this(limits, null, List.of());
    }

    /**
     * @param cache       when given, only files whose content changed since an earlier revision
     *                    compiled with the same cache are parsed again (the reconcile loop)
     * @param extraChecks checks from other modules (Envoy overrides), run after the built-in rules
     */
    public RevisionCompiler(Limits limits, ParseCache cache, List<PolicyCheck> extraChecks) {
        this.reader = new PolicyReader(limits);
        this.cache = cache;
        this.extraChecks = List.copyOf(extraChecks);
    }

    /**
     * @param policy       the policy repository's files (may hold Kubernetes objects too)
     * @param clusterState extra Kubernetes objects that stand in for the cluster (may be empty)
     */
    public CompiledRevision compile(SourceFiles policy, SourceFiles clusterState) {
        return compile(policy, new ClusterInput.Files(clusterState));
    }

    /**
     * @param policy  the policy repository's files (may hold Kubernetes objects too)
     * @param cluster what stands for the cluster: objects in files, or the live cluster's objects
     */
    public CompiledRevision compile(SourceFiles policy, ClusterInput cluster) {
        List<Diagnostic> diagnostics = new ArrayList<>(policy.diagnostics());
        PolicyRead read = read(policy, cache);
        if (cache != null) {
            cache.retainOnly(policy.files());
        }
        List<KubeObject> objects = new ArrayList<>(read.clusterObjects());
        switch (cluster) {
            case ClusterInput.Live live -> objects.addAll(live.objects());
            case ClusterInput.Files files -> readClusterState(files.files(), objects, diagnostics);
        }
        ClusterState state = ClusterState.of(objects);
        CheckedPolicy checked = checker.check(read, state);
        diagnostics.addAll(checked.diagnostics());
        extraChecks.forEach(check -> diagnostics.addAll(check.check(checked.policies())));
        boolean valid = diagnostics.stream().noneMatch(Diagnostic::isError);
        Optional<Mesh> mesh = valid ? Optional.of(compiler.compile(checked.policies(), state)) : Optional.empty();
        return new CompiledRevision(checked, state, mesh, diagnostics);
    }

    private void readClusterState(SourceFiles clusterState, List<KubeObject> objects, List<Diagnostic> diagnostics) {
        if (!clusterState.files().isEmpty() || !clusterState.diagnostics().isEmpty()) {
            diagnostics.addAll(clusterState.diagnostics());
            PolicyRead state = read(clusterState, null);
            diagnostics.addAll(state.diagnostics());
            objects.addAll(state.clusterObjects());
            state.policies().documents().forEach(d -> diagnostics.add(Diagnostic.of(Severity.WARNING,
                    d.origin().file(), d.origin().start(), "", d.key().toString(),
                    "policy documents in the cluster-state input are ignored; put them in the policy repository")));
        }
    }

    private PolicyRead read(SourceFiles files, ParseCache parsed) {
        return reader.combine(files.files().parallelStream()
                .map(f -> parsed == null ? reader.readFile(f) : parsed.read(f, reader::readFile)).toList());
    }
}
