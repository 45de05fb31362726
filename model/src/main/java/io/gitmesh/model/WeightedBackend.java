package io.gitmesh.model;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A destination of traffic: a Service port and the share of the requests (or connections) it gets.
 *
 * @param port       the backend Service's port (the same number as the port the caller dialled)
 * @param percent    0–100; the percents of one route sum to 100
 * @param identities the identities of the workloads behind the backend: the names a caller accepts
 *                   in the server certificate (SAN match)
 */
public record WeightedBackend(ServiceRef service, int port, int percent, List<Identity> identities)
        implements Comparable<WeightedBackend> {
    private static final Comparator<WeightedBackend> ORDER = Comparator.comparing(WeightedBackend::service)
            .thenComparingInt(WeightedBackend::port);

    public WeightedBackend {
        Objects.requireNonNull(service, "service");
        Values.requirePort(port, "port");
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("percent must be 0-100, not " + percent);
        }
        identities = Values.sortedSet(identities);
    }

    @Override
    public int compareTo(WeightedBackend o) {
        return ORDER.compare(this, o);
    }
}
