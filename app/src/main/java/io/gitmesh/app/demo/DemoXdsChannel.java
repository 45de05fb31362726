package io.gitmesh.app.demo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the demo's workloads reach gitmesh's xDS server — the one place that decides it. For now the
 * control plane serves xDS in plaintext on loopback only ({@code insecureXds}), so the workloads'
 * bootstraps name {@code insecure} channel credentials; their data plane is mTLS all the same
 * (certificates from the demo's CA, RBAC on the caller's SPIFFE ID).
 *
 * <p>To put the xDS channel on mTLS once the control plane serves it: have {@link #insecureXds()}
 * return false (with whatever the control plane then needs to serve TLS) and make {@link #credentials}
 * return the bootstrap unchanged — {@code GrpcBootstrap} already writes {@code tls} channel credentials
 * with the workload's own certificate files.
 */
final class DemoXdsChannel {
    private DemoXdsChannel() {
    }

    /** Whether the control plane serves xDS in plaintext (loopback only). */
    static boolean insecureXds() {
        return true;
    }

    /** The bootstrap with the xDS channel credentials the control plane accepts. */
    @SuppressWarnings("unchecked")
    static Map<String, ?> credentials(Map<String, ?> bootstrap) {
        Map<String, Object> plaintext = new LinkedHashMap<>(bootstrap);
        plaintext.put("xds_servers", ((List<?>) bootstrap.get("xds_servers")).stream()
                .map(server -> {
                    Map<String, Object> copy = new LinkedHashMap<>((Map<String, ?>) server);
                    copy.put("channel_creds", List.of(Map.of("type", "insecure")));
                    return copy;
                })
                .toList());
        return plaintext;
    }
}
