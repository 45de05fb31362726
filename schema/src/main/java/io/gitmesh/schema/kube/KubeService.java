package io.gitmesh.schema.kube;

import io.gitmesh.schema.policy.Meta;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Service.
 *
 * @param selector  empty when the Service has no selector (its endpoints are managed by hand)
 * @param clusterIP null when unset; {@code None} for headless Services
 */
public record KubeService(Meta meta, Map<String, String> selector, List<ServicePort> ports, String clusterIP,
        String type) implements KubeObject {
    public static final String KIND = "Service";

    public KubeService {
        Objects.requireNonNull(meta, "meta");
        selector = Map.copyOf(selector);
        ports = List.copyOf(ports);
        type = type == null || type.isEmpty() ? "ClusterIP" : type;
    }

    @Override
    public String kind() {
        return KIND;
    }
}
