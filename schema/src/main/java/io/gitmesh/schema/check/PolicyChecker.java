package io.gitmesh.schema.check;

import io.gitmesh.schema.CheckedPolicy;
import io.gitmesh.schema.ClusterCatalog;
import io.gitmesh.schema.Diagnostic;
import io.gitmesh.schema.PolicyRead;
import io.gitmesh.schema.PolicySet;
import io.gitmesh.schema.policy.EnvoyOverride;
import io.gitmesh.schema.policy.HttpRouteGroup;
import io.gitmesh.schema.policy.TrafficSplit;
import io.gitmesh.schema.policy.TrafficTarget;
import java.util.ArrayList;
import java.util.List;

/**
 * The meaning of a revision's policy, beyond its schema: references resolve, namespaces agree,
 * weights make sense, regexes compile under RE2, and — when the cluster is known — the Services and
 * ServiceAccounts named exist. A document with an error is left out of the result, and so is every
 * document that depends on it; the rest is still checked and returned. One checker may check many
 * revisions, from several threads: it remembers which regexes compile.
 */
public final class PolicyChecker {
    private final Re2Syntax re2 = new Re2Syntax();

    public CheckedPolicy check(PolicyRead read, ClusterCatalog cluster) {
        PolicySet policies = read.policies();
        PolicyIndex index = new PolicyIndex(policies);
        Findings findings = new Findings();
        for (HttpRouteGroup group : policies.httpRouteGroups()) {
            RouteChecks.check(group, re2, findings);
        }
        for (TrafficTarget target : policies.trafficTargets()) {
            TargetChecks.check(target, index, cluster, findings);
        }
        for (TrafficSplit split : policies.trafficSplits()) {
            SplitChecks.check(split, index, cluster, findings);
        }
        SplitChecks.onePerRootService(policies.trafficSplits(), findings);
        for (EnvoyOverride override : policies.envoyOverrides()) {
            OverrideChecks.check(override, cluster, findings);
        }
        // dependencies last, once every document's own errors are known
        policies.trafficTargets().forEach(t -> TargetChecks.dependencies(t, index, findings));
        policies.trafficSplits().forEach(s -> SplitChecks.dependencies(s, index, findings));

        List<Diagnostic> diagnostics = new ArrayList<>(read.diagnostics());
        diagnostics.addAll(findings.diagnostics());
        PolicySet kept = findings.noneFailed() ? policies
                : new PolicySet(policies.documents().stream().filter(d -> !findings.failed(d)).toList());
        return new CheckedPolicy(kept, diagnostics);
    }
}
