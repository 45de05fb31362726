package io.gitmesh.schema.policy;

import java.util.List;
import java.util.Objects;

/** access.smi-spec.io TrafficTarget (v1alpha1–v1alpha3): sources may reach the destination on the rules. */
public record TrafficTarget(Meta meta, IdentityRef destination, List<IdentityRef> sources, List<RuleRef> rules)
        implements PolicyDocument {
    public static final String KIND = "TrafficTarget";

    public TrafficTarget {
        Objects.requireNonNull(meta, "meta");
        Objects.requireNonNull(destination, "destination");
        sources = List.copyOf(sources);
        rules = List.copyOf(rules);
    }

    @Override
    public String kind() {
        return KIND;
    }
}
