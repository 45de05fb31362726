package io.gitmesh.reconciler.compile;

import io.gitmesh.model.Mesh;
import io.gitmesh.model.cluster.ClusterState;
import io.gitmesh.model.compile.MeshCompiler;
import io.gitmesh.schema.CheckedPolicy;
import io.gitmesh.schema.Diagnostic;
import io.gitmesh.schema.FileRead;
import io.gitmesh.schema.Limits;
import io.gitmesh.schema.PolicyRead;
import io.gitmesh.schema.PolicyReader;
import io.gitmesh.schema.PolicySet;
import io.gitmesh.schema.Severity;
import io.gitmesh.schema.SourceFiles;
import io.gitmesh.schema.check.PolicyCheck;
import io.gitmesh.schema.check.PolicyChecker;
import io.gitmesh.schema.check.PolicyChecking;
import io.gitmesh.schema.kube.KubeObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One revision from files to a mesh: read the policy files and the cluster-state files, check the
 * policy against the cluster, and — when nothing is an error — compile the mesh. Everything found is
 * reported in one sorted list. The files are already read; parsing them, the costly part, runs on
 * all cores (files are independent until they are combined).
 *
 * <p>With a {@link ParseCache} (the reconcile loop), a revision re-parses only the files whose
 * content changed, keeps the last cluster state when no Kubernetes object changed, and keeps the last
 * checks and mesh when no policy document changed either ({@link RevisionMemo}); a changed policy is
 * checked from the last checks and compiled from the last mesh, again only where it changed
 * ({@code PolicyChecker.checking}, {@code MeshCompiler.compilation}).
 */
public final class RevisionCompiler {
    private final PolicyReader reader;
    private final PolicyChecker checker = new PolicyChecker();
    private final MeshCompiler compiler = new MeshCompiler();

    private final ParseCache cache;
    private final ParseCache clusterStateCache;
    private final RevisionMemo memo;
    private final List<PolicyCheck> extraChecks;

    /** A compiler that parses every file of every revision (the CLI: one revision per run). */
    public RevisionCompiler(Limits limits) {
        this(limits, null, List.of());
    }

    /**
     * @param cache       when given, only files whose content changed since an earlier revision
     *                    compiled with the same cache are parsed again, and what depends only on
     *                    unchanged files is reused (the reconcile loop)
     * @param extraChecks checks from other modules (Envoy overrides), run after the built-in rules
     */
    public RevisionCompiler(Limits limits, ParseCache cache, List<PolicyCheck> extraChecks) {
        this.reader = new PolicyReader(limits);
        this.cache = cache;
        this.clusterStateCache = cache == null ? null : new ParseCache();
        this.memo = cache == null ? null : new RevisionMemo();
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
        List<KubeObject> objects = new ArrayList<>(read.clusterObjects());
        switch (cluster) {
            case ClusterInput.Live live -> objects.addAll(live.objects());
            case ClusterInput.Files files -> readClusterState(files.files(), objects, diagnostics);
        }
        ClusterState state = memo == null ? ClusterState.of(objects) : memo.cluster(objects, ClusterState::of);
        RevisionMemo.Checked checked = memo == null ? check(read, state, Optional.empty())
                : memo.checked(read, state, last -> check(read, state, last));
        diagnostics.addAll(checked.checked().diagnostics());
        diagnostics.addAll(checked.extraDiagnostics());
        boolean valid = diagnostics.stream().noneMatch(Diagnostic::isError);
        return new CompiledRevision(checked.checked(), state, valid ? checked.mesh() : Optional.empty(),
                diagnostics);
    }

    private void readClusterState(SourceFiles clusterState, List<KubeObject> objects, List<Diagnostic> diagnostics) {
        if (!clusterState.files().isEmpty() || !clusterState.diagnostics().isEmpty()) {
            diagnostics.addAll(clusterState.diagnostics());
            PolicyRead state = read(clusterState, clusterStateCache);
            diagnostics.addAll(state.diagnostics());
            objects.addAll(state.clusterObjects());
            state.policies().documents().forEach(d -> diagnostics.add(Diagnostic.of(Severity.WARNING,
                    d.origin().file(), d.origin().start(), "", d.key().toString(),
                    "policy documents in the cluster-state input are ignored; put them in the policy repository")));
        }
    }

    /**
     * The policy's checks against the cluster, and its mesh when no check finds an error; the built-in
     * checks made from the {@code last} ones where given, again only where the policy changed.
     */
    private RevisionMemo.Checked check(PolicyRead read, ClusterState cluster, Optional<PolicyChecking> last) {
        PolicyChecking checking = last.map(before -> checker.checking(read, cluster, before))
                .orElseGet(() -> checker.checking(read, cluster));
        CheckedPolicy checked = checking.checked();
        List<Diagnostic> extra = new ArrayList<>();
        extraChecks.forEach(check -> extra.addAll(check.check(checked.policies())));
        boolean valid = checked.diagnostics().stream().noneMatch(Diagnostic::isError)
                && extra.stream().noneMatch(Diagnostic::isError);
        Optional<Mesh> mesh = valid ? Optional.of(compileMesh(checked.policies(), cluster)) : Optional.empty();
        return new RevisionMemo.Checked(checking, extra, mesh);
    }

    /** The mesh; with a memo, compiled from the last mesh where the policy changed little. */
    private Mesh compileMesh(PolicySet policies, ClusterState cluster) {
        if (memo == null) {
            return compiler.compile(policies, cluster);
        }
        return memo.compilation(previous -> previous
                .map(last -> compiler.compilation(policies, cluster, last))
                .orElseGet(() -> compiler.compilation(policies, cluster))).mesh();
    }

    /** The files read (in path order, as {@link SourceFiles} holds them) and combined. */
    private PolicyRead read(SourceFiles files, ParseCache parsed) {
        if (parsed == null) {
            return reader.combine(files.files().parallelStream().map(reader::readFile).toList());
        }
        List<FileRead> reads = parsed.read(files.files(), reader::readFile);
        return parsed == cache ? memo.combined(reads, reader) : reader.combine(reads);
    }
}
