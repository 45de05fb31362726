package io.gitmesh.model;

import java.util.List;

/**
 * Requests that match (any of) {@code matches} go to {@code backends}, in the given shares.
 *
 * @param matches  empty: every request (the only possibility on TCP and UDP ports)
 * @param backends sorted by service; percents sum to 100
 */
public record TrafficRoute(List<RouteMatch> matches, List<WeightedBackend> backends) {
    public TrafficRoute {
        matches = Values.sortedSet(matches);
        backends = Values.sortedSet(backends);
        if (backends.stream().map(WeightedBackend::service).distinct().count() != backends.size()) {
            throw new IllegalArgumentException("a service appears twice among the backends: " + backends);
        }
        int total = backends.stream().mapToInt(WeightedBackend::percent).sum();
        if (total != 100) {
            throw new IllegalArgumentException("backend percents must sum to 100, not " + total);
        }
    }

    public boolean matchesEveryRequest() {
        return matches.isEmpty();
    }
}
