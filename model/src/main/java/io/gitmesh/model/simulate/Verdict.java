package io.gitmesh.model.simulate;

import io.gitmesh.model.ServiceRef;
import io.gitmesh.model.Values;
import io.gitmesh.model.diff.PortRef;
import java.util.List;
import java.util.Objects;

/**
 * Whether the mesh lets a call through, why, and where it lands.
 *
 * @param destination the service port the call's host and port resolved to
 * @param reason      for people: the rule that allows it, or why nothing does
 * @param backends    where an allowed call goes, with each backend's share of such calls (those above
 *                    0 % whose workloads admit the call, by service; a refused share is named in the
 *                    reason, so the shares may sum to less than 100); empty when denied
 */
public record Verdict(boolean allowed, PortRef destination, String reason, List<Backend> backends)
        implements Outcome {

    /** A service that gets {@code percent} of the calls. */
    public record Backend(ServiceRef service, int percent) {
        public Backend {
            Objects.requireNonNull(service, "service");
            if (percent < 1 || percent > 100) {
                throw new IllegalArgumentException("a backend's share is 1-100 %, not " + percent);
            }
        }
    }

    public Verdict {
        Objects.requireNonNull(destination, "destination");
        Values.requireText(reason, "reason");
        backends = List.copyOf(backends);
        if (!allowed && !backends.isEmpty()) {
            throw new IllegalArgumentException("a denied call goes nowhere");
        }
    }

    static Verdict denied(PortRef destination, String reason) {
        return new Verdict(false, destination, reason, List.of());
    }
}
