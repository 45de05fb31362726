package io.gitmesh.model.diff;

import io.gitmesh.model.ServiceRef;
import io.gitmesh.model.Values;
import java.util.Objects;

/**
 * A backend's share of a service port's traffic, before and after, in percent. A backend that
 * appears or disappears has 0 on the side where it is absent; the service itself is the backend of
 * a port without a split (100 %).
 *
 * @param service the port the callers dial (the split's root)
 * @param route   the split route, as {@link RouteNames#of(io.gitmesh.model.TrafficRoute)} writes it
 */
public record WeightChange(PortRef service, String route, ServiceRef backend, int before, int after) {
    public WeightChange {
        Objects.requireNonNull(service, "service");
        Values.requireText(route, "route");
        Objects.requireNonNull(backend, "backend");
        requirePercent(before);
        requirePercent(after);
    }

    private static void requirePercent(int percent) {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("a share is 0-100 %, not " + percent);
        }
    }
}
