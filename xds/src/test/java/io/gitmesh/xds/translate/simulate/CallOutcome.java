package io.gitmesh.xds.translate.simulate;

import io.gitmesh.model.Identity;
import io.gitmesh.xds.translate.simulate.Outbound.Forwarded;
import io.gitmesh.xds.translate.simulate.Outbound.Refused;
import io.gitmesh.xds.translate.simulate.Outbound.Share;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.Collectors;

/**
 * What became of a call across the mesh: the caller's side, and for each cluster that gets a share, the
 * verdict of each identity behind it.
 *
 * @param verdicts by cluster, then by destination identity; clusters with a weight of 0 have none
 */
public record CallOutcome(Outbound outbound, Map<String, SortedMap<Identity, Verdict>> verdicts) {
    public CallOutcome {
        verdicts = Map.copyOf(verdicts);
    }

    /**
     * One line for people and assertions: {@code refused: <reason>}, or the shares in route order, e.g.
     * {@code bookstore/bookstore-v1:14001 90% allowed, bookstore/bookstore-v2:14001 10% denied}.
     */
    public String describe() {
        return switch (outbound) {
            case Refused refused -> "refused: " + refused.reason();
            case Forwarded forwarded -> forwarded.shares().stream()
                    .map(share -> share.cluster() + " " + forwarded.percent(share) + "%"
                            + (share.weight() > 0 ? " " + summary(share) : ""))
                    .collect(Collectors.joining(", "));
        };
    }

    /** Whether the call was forwarded and every identity behind every cluster with a share admitted it. */
    public boolean allowed() {
        return outbound instanceof Forwarded forwarded && forwarded.shares().stream()
                .filter(share -> share.weight() > 0)
                .allMatch(share -> !verdicts.get(share.cluster()).isEmpty() && verdicts.get(share.cluster())
                        .values().stream().allMatch(Verdict.Admitted.class::isInstance));
    }

    /** The verdicts of the cluster's identities, for a closer look than {@link #describe()}. */
    public List<Verdict> verdictsOf(String cluster) {
        return List.copyOf(verdicts.get(cluster).values());
    }

    private String summary(Share share) {
        SortedMap<Identity, Verdict> byIdentity = verdicts.get(share.cluster());
        if (byIdentity.isEmpty()) {
            return "(no workload behind it)";
        }
        if (byIdentity.values().stream().allMatch(Verdict.Admitted.class::isInstance)) {
            return "allowed";
        }
        if (byIdentity.values().stream().allMatch(Verdict.Denied.class::isInstance)) {
            return "denied";
        }
        return byIdentity.entrySet().stream()
                .map(e -> (e.getValue() instanceof Verdict.Admitted ? "allowed by " : "denied by ") + e.getKey())
                .collect(Collectors.joining(" and "));
    }
}
