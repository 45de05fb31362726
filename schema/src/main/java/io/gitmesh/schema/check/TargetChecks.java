package io.gitmesh.schema.check;

import io.gitmesh.schema.ClusterCatalog;
import io.gitmesh.schema.policy.HttpRouteGroup;
import io.gitmesh.schema.policy.IdentityRef;
import io.gitmesh.schema.policy.PolicyDocument;
import io.gitmesh.schema.policy.RuleRef;
import io.gitmesh.schema.policy.TrafficTarget;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * TrafficTarget rules: identities are ServiceAccounts, the target lives in its destination's
 * namespace (as OSM's validator requires), every rule names a route in that namespace and every
 * match name exists. ServiceAccounts missing from a known cluster are warnings: the cluster may
 * catch up.
 */
final class TargetChecks {
    private static final String SERVICE_ACCOUNT = "ServiceAccount";

    private TargetChecks() {
    }

    static void check(TrafficTarget target, PolicyIndex index, ClusterCatalog cluster, Findings findings) {
        IdentityRef destination = target.destination();
        String namespace = target.meta().namespace();
        identity(target, destination, "destination", cluster, findings);
        if (!destination.namespace().equals(namespace)) {
            findings.error(destination.pointer() + "/namespace", "a TrafficTarget must be in its destination's "
                    + "namespace: move it to namespace \"" + destination.namespace() + "\" (it is in \"" + namespace
                    + "\"); elsewhere it would be ignored");
            return; // its rules would be looked up in the wrong namespace: one root cause, one error
        }
        for (IdentityRef source : target.sources()) {
            identity(target, source, "source", cluster, findings);
        }
        for (RuleRef rule : target.rules()) {
            rule(target, rule, index, findings);
        }
    }

    private static void identity(TrafficTarget target, IdentityRef ref, String role, ClusterCatalog cluster,
            Findings findings) {
        if (!SERVICE_ACCOUNT.equals(ref.kind())) {
            findings.error(ref.pointer() + "/kind", role + " kind must be ServiceAccount, not \"" + ref.kind()
                    + "\" (SMI identities are service accounts)");
        } else if (!cluster.hasServiceAccount(ref.namespace(), ref.name())) {
            findings.warning(ref.pointer() + "/name", role + " ServiceAccount " + ref.namespace() + "/"
                    + ref.name() + " does not exist in the cluster state");
        }
    }

    private static void rule(TrafficTarget target, RuleRef rule, PolicyIndex index, Findings findings) {
        String namespace = target.meta().namespace();
        Optional<PolicyDocument> route = index.route(rule.kind(), namespace, rule.name());
        if (route.isEmpty()) {
            findings.error(rule.pointer() + "/name", rule.kind().kind() + " " + namespace + "/" + rule.name()
                    + " does not exist (a rule names a route in the TrafficTarget's namespace)");
            return;
        }
        if (route.get() instanceof HttpRouteGroup group) {
            for (int i = 0; i < rule.matches().size(); i++) {
                String match = rule.matches().get(i);
                if (group.match(match).isEmpty()) {
                    findings.error(rule.pointer() + "/matches/" + i, "HTTPRouteGroup " + namespace + "/"
                            + rule.name() + " has no match named \"" + match + "\"; it has "
                            + group.matches().stream().map(m -> "\"" + m.name() + "\"").toList());
                }
            }
        } else if (!rule.matches().isEmpty()) {
            findings.warning(rule.pointer() + "/matches", "matches are ignored on a " + rule.kind().kind()
                    + " rule; the route's ports decide");
        }
    }

    /** Leaves the target out when a route it names has errors of its own. */
    static void dependencies(TrafficTarget target, PolicyIndex index, Predicate<PolicyDocument> failed,
            Findings findings) {
        for (RuleRef rule : target.rules()) {
            index.route(rule.kind(), target.meta().namespace(), rule.name()).filter(failed)
                    .ifPresent(route -> findings.exclude(rule.pointer() + "/name",
                            "left out: " + route.key() + " has errors"));
        }
    }
}
