package io.gitmesh.xds.translate;

import com.google.protobuf.UInt32Value;
import io.envoyproxy.envoy.config.core.v3.CidrRange;
import io.gitmesh.model.Endpoint;
import io.gitmesh.model.MeshPort;
import io.gitmesh.model.MeshService;
import java.util.List;

/** The addresses a caller dials to reach a Service port, as a sidecar's outbound filter chain matches them. */
final class ServiceAddresses {
    private static final String HEADLESS = "None";

    private ServiceAddresses() {
    }

    /** Whether the Service's {@code clusterIP} is an address (not unset, not {@code None}). */
    static boolean isClusterIp(String clusterIp) {
        return !clusterIp.isEmpty() && !clusterIp.equals(HEADLESS);
    }

    /**
     * The ClusterIP; for a headless Service the addresses of its endpoints (callers dial the pods); empty
     * when unknown, as when the cluster state comes from manifests without addresses.
     */
    static List<String> of(MeshService service, MeshPort port) {
        if (isClusterIp(service.clusterIp())) {
            return List.of(service.clusterIp());
        }
        if (service.clusterIp().equals(HEADLESS)) {
            return port.endpoints().stream().map(Endpoint::address).distinct().sorted().toList();
        }
        return List.of();
    }

    /** The range of exactly one address, IPv4 or IPv6. */
    static CidrRange single(String address) {
        return CidrRange.newBuilder()
                .setAddressPrefix(address)
                .setPrefixLen(UInt32Value.of(address.contains(":") ? 128 : 32))
                .build();
    }
}
