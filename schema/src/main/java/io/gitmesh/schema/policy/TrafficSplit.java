package io.gitmesh.schema.policy;

import java.util.List;
import java.util.Objects;

/**
 * split.smi-spec.io TrafficSplit (v1alpha1–v1alpha4).
 *
 * @param service        the root service as written (short name or FQDN)
 * @param serviceName    the root service's name in the split's namespace (FQDN forms resolved)
 * @param matches        v1alpha3+/v1alpha4 HTTPRouteGroup matches: when present, the split applies only
 *                       to requests matching them
 */
public record TrafficSplit(Meta meta, String service, String serviceName, List<SplitBackend> backends,
        List<SplitMatch> matches) implements PolicyDocument {
    public static final String KIND = "TrafficSplit";

    public TrafficSplit {
        Objects.requireNonNull(meta, "meta");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(serviceName, "serviceName");
        backends = List.copyOf(backends);
        matches = List.copyOf(matches);
    }

    @Override
    public String kind() {
        return KIND;
    }
}
