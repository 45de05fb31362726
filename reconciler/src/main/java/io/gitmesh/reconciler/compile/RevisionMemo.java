package io.gitmesh.reconciler.compile;

import io.gitmesh.model.Mesh;
import io.gitmesh.model.Values;
import io.gitmesh.model.cluster.ClusterState;
import io.gitmesh.model.compile.MeshCompilation;
import io.gitmesh.schema.CheckedPolicy;
import io.gitmesh.schema.CombinedReads;
import io.gitmesh.schema.Diagnostic;
import io.gitmesh.schema.FileRead;
import io.gitmesh.schema.policy.PolicyDocument;
import io.gitmesh.schema.PolicyRead;
import io.gitmesh.schema.PolicyReader;
import io.gitmesh.schema.check.PolicyChecking;
import io.gitmesh.schema.kube.KubeObject;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The last revision's cluster state, and its checks and mesh, for the next revision to reuse when it
 * is built from the very same objects. The parse cache hands out the same document and object
 * instances for every file whose content did not change, so a commit that changes no policy file
 * checks and compiles nothing again, and one that changes only policy documents keeps the cluster
 * state. The checks and mesh are reused by identity; the cluster state also when the objects, re-parsed,
 * read the same ({@link ClusterState#alike}, which ignores only where they were written: the state
 * keeps no positions). Neither can serve a stale result.
 */
final class RevisionMemo {
    /** What a revision's policy gave: its checks, the other modules' checks, and the mesh when all pass. */
    record Checked(PolicyChecking checking, List<Diagnostic> extraDiagnostics, Optional<Mesh> mesh) {
        Checked {
            Objects.requireNonNull(checking, "checking");
            extraDiagnostics = List.copyOf(extraDiagnostics);
            Objects.requireNonNull(mesh, "mesh");
        }

        CheckedPolicy checked() {
            return checking.checked();
        }
    }

    private List<KubeObject> objects;
    private ClusterState cluster;
    private List<PolicyDocument> documents;
    private List<Diagnostic> readDiagnostics;
    private ClusterState checkedAgainst;
    private Checked checked;
    private MeshCompilation compilation;
    private CombinedReads combined;

    /**
     * The state of the objects: the last one when they are, in the same order, the same instances or
     * objects alike ({@link ClusterState#alike}: a re-parsed file whose Kubernetes objects did not change
     * but moved, or did not move but share a file with a changed policy document).
     */
    synchronized ClusterState cluster(List<KubeObject> objects, Function<List<KubeObject>, ClusterState> build) {
        if (this.objects == null || !alike(this.objects, objects)) {
            this.cluster = build.apply(objects);
        }
        this.objects = List.copyOf(objects);
        return cluster;
    }

    /**
     * The checks and mesh of the policy read against the cluster: the last ones when the documents are
     * the same instances in the same order, the read's own findings are equal, and the cluster state is
     * the same instance; else new ones, checked from the last checks (none before the first).
     */
    synchronized Checked checked(PolicyRead read, ClusterState cluster,
            Function<Optional<PolicyChecking>, Checked> compute) {
        List<PolicyDocument> next = read.policies().documents();
        boolean same = checked != null && checkedAgainst == cluster && Values.sameInstances(documents, next)
                && readDiagnostics.equals(read.diagnostics());
        if (!same) {
            checked = compute.apply(Optional.ofNullable(checked).map(Checked::checking));
            documents = next; // unmodifiable: a PolicySet's documents
            readDiagnostics = read.diagnostics();
            checkedAgainst = cluster;
        }
        return checked;
    }

    /**
     * The policy files' reads (in path order) combined: the files that changed since the last revision
     * folded into its combination ({@link PolicyReader#combine(List, CombinedReads)}).
     */
    synchronized PolicyRead combined(List<FileRead> now, PolicyReader reader) {
        combined = combined == null ? reader.combined(now) : reader.combine(now, combined);
        return combined.read();
    }

    /** The next mesh compilation, given the last one (none before the first); kept for the next. */
    synchronized MeshCompilation compilation(Function<Optional<MeshCompilation>, MeshCompilation> compile) {
        compilation = compile.apply(Optional.ofNullable(compilation));
        return compilation;
    }

    private static boolean alike(List<KubeObject> a, List<KubeObject> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!ClusterState.alike(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }
}
