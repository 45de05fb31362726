package io.gitmesh.schema.kube;

import io.gitmesh.schema.policy.Meta;
import java.util.List;
import java.util.Objects;

/** A v1 Endpoints object (named like its Service), one group per subset. */
public record KubeEndpoints(Meta meta, List<EndpointGroup> subsets) implements KubeObject {
    public static final String KIND = "Endpoints";

    public KubeEndpoints {
        Objects.requireNonNull(meta, "meta");
        subsets = List.copyOf(subsets);
    }

    @Override
    public String kind() {
        return KIND;
    }
}
