package io.gitmesh.schema.check;

import io.gitmesh.schema.ClusterCatalog;
import io.gitmesh.schema.policy.PolicyDocument;
import io.gitmesh.schema.policy.SplitBackend;
import io.gitmesh.schema.policy.SplitMatch;
import io.gitmesh.schema.policy.TrafficSplit;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * TrafficSplit rules: weights (never negative, see the reader) add up to more than zero, each backend appears
 * once, matches name HTTPRouteGroups in the split's namespace, and one root service has one split.
 * Services missing from a known cluster are warnings (SMI lets a split name a backend before it is
 * created).
 */
final class SplitChecks {
    private SplitChecks() {
    }

    static void check(TrafficSplit split, PolicyIndex index, ClusterCatalog cluster, Findings findings) {
        String namespace = split.meta().namespace();
        if (!cluster.hasService(namespace, split.serviceName())) {
            findings.warning("/spec/service", "root Service " + namespace + "/" + split.serviceName()
                    + " does not exist in the cluster state");
        }
        BigDecimal total = BigDecimal.ZERO;
        Map<String, SplitBackend> seen = new HashMap<>();
        for (SplitBackend backend : split.backends()) {
            total = total.add(backend.weight()); // never negative: the reader refuses negative weights
            SplitBackend earlier = seen.putIfAbsent(backend.service(), backend);
            if (earlier != null) {
                findings.error(backend.pointer() + "/service", "backend " + backend.service()
                        + " is listed twice (first at line " + split.origin().at(earlier.pointer()).line()
                        + "); give it one entry with the combined weight");
            }
            if (!cluster.hasService(namespace, backend.service())) {
                findings.warning(backend.pointer() + "/service", "backend Service " + namespace + "/"
                        + backend.service() + " does not exist in the cluster state; it gets no traffic until it does");
            }
        }
        if (total.signum() == 0 && !split.backends().isEmpty()) {
            findings.error("/spec/backends", "the weights add up to 0: no backend would get traffic; "
                    + "give at least one backend a positive weight");
        }
        for (SplitMatch match : split.matches()) {
            if (index.httpRouteGroup(namespace, match.name()).isEmpty()) {
                findings.error(match.pointer() + "/name", "HTTPRouteGroup " + namespace + "/" + match.name()
                        + " does not exist (split matches name groups in the split's namespace)");
            }
        }
    }

    /** One split per root service: all but the first (in resource order) are errors naming the first. */
    static void onePerRootService(TrafficSplit split, TrafficSplit first, Findings findings) {
        if (first != split) {
            findings.error("/spec/service", "root service " + split.meta().namespace() + "/" + split.serviceName()
                    + " already has a TrafficSplit: " + first.key() + " in " + first.origin().describe()
                    + "; a root service may have only one");
        }
    }

    /** Leaves the split out when a group it matches on has errors of its own. */
    static void dependencies(TrafficSplit split, PolicyIndex index, Predicate<PolicyDocument> failed,
            Findings findings) {
        for (SplitMatch match : split.matches()) {
            index.httpRouteGroup(split.meta().namespace(), match.name()).filter(failed)
                    .ifPresent(group -> findings.exclude(match.pointer() + "/name",
                            "left out: " + group.key() + " has errors"));
        }
    }
}
