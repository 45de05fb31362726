package io.gitmesh.xds.translate.simulate;

import java.util.List;

/** What the caller's side does with a call: refuse it, or forward it to clusters in shares. */
public sealed interface Outbound permits Outbound.Refused, Outbound.Forwarded {

    /** Nothing leaves the caller (the connection is closed, the request answered 404, the channel fails). */
    record Refused(String reason) implements Outbound {
    }

    /**
     * The call goes to the clusters, each with its share.
     *
     * @param via the filter chain (sidecar) or listener (gRPC) that took it
     */
    record Forwarded(String via, List<Share> shares) implements Outbound {
        public Forwarded {
            shares = List.copyOf(shares);
        }

        /** The share of each cluster in percent of the whole, rounded down. */
        public int percent(Share share) {
            int total = shares.stream().mapToInt(Share::weight).sum();
            return share.weight() * 100 / total;
        }
    }

    /** A cluster and its weight in the route (or TCP proxy) that took the call. */
    record Share(String cluster, int weight) {
    }
}
