package io.gitmesh.schema.check;

import io.gitmesh.schema.CheckedPolicy;
import io.gitmesh.schema.ClusterCatalog;
import io.gitmesh.schema.Diagnostic;
import io.gitmesh.schema.DocumentChanges;
import io.gitmesh.schema.PolicyRead;
import io.gitmesh.schema.PolicySet;
import io.gitmesh.schema.policy.EnvoyOverride;
import io.gitmesh.schema.policy.HttpRouteGroup;
import io.gitmesh.schema.policy.MeshConfig;
import io.gitmesh.schema.policy.PolicyDocument;
import io.gitmesh.schema.policy.TcpRoute;
import io.gitmesh.schema.policy.TrafficSplit;
import io.gitmesh.schema.policy.TrafficTarget;
import io.gitmesh.schema.policy.UdpRoute;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the checks found about each document of a policy against one cluster, kept up to date as the
 * policy changes: a document is checked again only when it is new, or when something its findings
 * depend on changed —
 * <ul>
 * <li>a TrafficTarget: a route its rules name (added, removed or another instance, which may have
 *     errors of its own now);
 * <li>a TrafficSplit: an HTTPRouteGroup its matches name, or the splits of its root service (only the
 *     first of them may have it);
 * <li>an HTTPRouteGroup and an EnvoyOverride: nothing but the document itself.
 * </ul>
 * Findings depend on the cluster too, which never changes here: a policy checked against another
 * cluster is checked from scratch. Mutable, used by one check at a time ({@link PolicyChecking}).
 */
final class DocumentFindings {
    private final Re2Syntax re2;
    private final ClusterCatalog cluster;
    private final PolicyIndex index = new PolicyIndex();
    private final SplitRoots roots = new SplitRoots();
    /** The findings of the documents that have any. */
    private final Map<PolicyDocument, Findings> found = new IdentityHashMap<>();
    private PolicySet policies = PolicySet.EMPTY;
    private boolean sharedKeys;

    DocumentFindings(Re2Syntax re2, ClusterCatalog cluster) {
        this.re2 = re2;
        this.cluster = cluster;
    }

    ClusterCatalog cluster() {
        return cluster;
    }

    /**
     * Brings the findings up to {@code next}, checking what changed; false, changing nothing, when
     * that cannot be done and they must be found from scratch: documents shared a key before or do now
     * (what resolves a reference to such a key depends on the order documents came in). From scratch
     * (no policy before) it always succeeds.
     */
    boolean update(PolicySet next) {
        DocumentChanges changes = DocumentChanges.between(policies.documents(), next.documents());
        boolean fromScratch = policies.documents().isEmpty();
        if (!fromScratch && (sharedKeys || changes.addsSharedKey())) {
            return false;
        }
        Set<String> changedRoutes = new HashSet<>();
        Set<String> changedRoots = new HashSet<>();
        for (PolicyDocument document : changes.removed()) {
            forget(document);
            noteChange(document, changedRoutes, changedRoots);
        }
        for (PolicyDocument document : changes.added()) {
            learn(document);
            noteChange(document, changedRoutes, changedRoots);
        }
        // routes first: what names a route asks whether it has errors
        Set<PolicyDocument> dependents = Collections.newSetFromMap(new IdentityHashMap<>());
        for (PolicyDocument document : changes.added()) {
            if (isRoute(document)) {
                check(document);
            } else {
                dependents.add(document);
            }
        }
        changedRoutes.forEach(route -> dependents.addAll(index.referrers(route)));
        changedRoots.forEach(root -> dependents.addAll(roots.splits(root)));
        dependents.forEach(this::check);
        policies = next;
        sharedKeys = changes.addsSharedKey();
        return true;
    }

    /** The checked policy: the read's diagnostics and the documents' findings, and the documents without errors. */
    CheckedPolicy checked(PolicyRead read) {
        List<Diagnostic> diagnostics = new ArrayList<>(read.diagnostics());
        boolean anyFailed = false;
        for (Findings findings : found.values()) { // in no particular order: CheckedPolicy sorts them
            diagnostics.addAll(findings.diagnostics());
            anyFailed = anyFailed || findings.failed();
        }
        PolicySet kept = anyFailed
                ? new PolicySet(policies.documents().stream().filter(d -> !failed(d)).toList())
                : policies;
        return new CheckedPolicy(kept, diagnostics);
    }

    private void forget(PolicyDocument document) {
        found.remove(document);
        index.remove(document);
        if (document instanceof TrafficSplit split) {
            roots.remove(split);
        }
    }

    private void learn(PolicyDocument document) {
        index.add(document);
        if (document instanceof TrafficSplit split) {
            roots.add(split);
        }
    }

    /** Notes what a document that came or went concerns: the key of a route, the root service of a split. */
    private static void noteChange(PolicyDocument document, Set<String> changedRoutes, Set<String> changedRoots) {
        if (isRoute(document)) {
            changedRoutes.add(PolicyIndex.keyOf(document));
        } else if (document instanceof TrafficSplit split) {
            changedRoots.add(SplitRoots.rootOf(split));
        }
    }

    private void check(PolicyDocument document) {
        Findings findings = new Findings(document);
        switch (document) {
            case HttpRouteGroup group -> RouteChecks.check(group, re2, findings);
            case TrafficTarget target -> {
                TargetChecks.check(target, index, cluster, findings);
                // dependencies last, once the document's own errors are known
                TargetChecks.dependencies(target, index, this::failed, findings);
            }
            case TrafficSplit split -> {
                SplitChecks.check(split, index, cluster, findings);
                SplitChecks.onePerRootService(split, roots.first(split), findings);
                SplitChecks.dependencies(split, index, this::failed, findings);
            }
            case EnvoyOverride override -> OverrideChecks.check(override, cluster, findings);
            case TcpRoute route -> { }
            case UdpRoute route -> { }
            case MeshConfig config -> { }
        }
        if (findings.isEmpty()) {
            found.remove(document);
        } else {
            found.put(document, findings);
        }
    }

    private boolean failed(PolicyDocument document) {
        Findings findings = found.get(document);
        return findings != null && findings.failed();
    }

    private static boolean isRoute(PolicyDocument document) {
        return document instanceof HttpRouteGroup || document instanceof TcpRoute || document instanceof UdpRoute;
    }
}
