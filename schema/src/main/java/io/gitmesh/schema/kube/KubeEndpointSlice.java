package io.gitmesh.schema.kube;

import io.gitmesh.schema.policy.Meta;
import java.util.Objects;

/** A discovery.k8s.io/v1 EndpointSlice; {@code serviceName} from its kubernetes.io/service-name label. */
public record KubeEndpointSlice(Meta meta, String serviceName, EndpointGroup group) implements KubeObject {
    public static final String KIND = "EndpointSlice";
    public static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";

    public KubeEndpointSlice {
        Objects.requireNonNull(meta, "meta");
        Objects.requireNonNull(group, "group");
    }

    @Override
    public String kind() {
        return KIND;
    }
}
