package io.gitmesh.injector.mutate;

import io.gitmesh.schema.policy.SidecarSettings;
import java.util.Objects;

/**
 * The mesh-wide injection settings. Today the MeshConfig carries only {@code spec.sidecar.mode}
 * ({@link SidecarSettings}); the rest are defaults here until the MeshConfig grows
 * {@code spec.sidecar.image}, {@code spec.sidecar.initImage}, {@code spec.sidecar.resources}
 * ({@code requests}/{@code limits} of {@code cpu}/{@code memory}), {@code spec.sidecar.concurrency} and
 * {@code spec.sidecar.exclude} ({@code inboundPorts}, {@code outboundPorts}, {@code outboundIpRanges}).
 * Pod annotations override the resources and add to the exclusions.
 *
 * @param mode             native sidecar or legacy container
 * @param proxyImage       the Envoy image
 * @param initImage        the image of the init container: it needs {@code sh} and {@code iptables-restore}
 * @param resources        the proxy's requests and limits (the iptables init container gets the same: an init
 *                         container's requests never add to the pod's, they only set a floor)
 * @param exclusions       traffic never redirected to the proxy, in every pod
 * @param proxyConcurrency Envoy's worker threads ({@code --concurrency}); Envoy would otherwise start one per
 *                         core of the node, whatever the pod's CPU share
 */
public record InjectionSettings(SidecarMode mode, String proxyImage, String initImage, ProxyResources resources,
        TrafficExclusions exclusions, int proxyConcurrency) {
    public static final String DEFAULT_PROXY_IMAGE = "envoyproxy/envoy:v1.34.1";
    public static final String DEFAULT_INIT_IMAGE = "ghcr.io/gitmesh/proxy-init:0.1.0";
    public static final int DEFAULT_PROXY_CONCURRENCY = 2;
    public static final InjectionSettings DEFAULT = new InjectionSettings(SidecarMode.NATIVE, DEFAULT_PROXY_IMAGE,
            DEFAULT_INIT_IMAGE, ProxyResources.DEFAULT, TrafficExclusions.NONE, DEFAULT_PROXY_CONCURRENCY);

    public InjectionSettings {
        Objects.requireNonNull(mode, "mode");
        requireText(proxyImage, "proxyImage");
        requireText(initImage, "initImage");
        Objects.requireNonNull(resources, "resources");
        Objects.requireNonNull(exclusions, "exclusions");
        if (proxyConcurrency < 1) {
            throw new IllegalArgumentException("proxyConcurrency must be at least 1, not " + proxyConcurrency);
        }
    }

    /** The defaults with what the MeshConfig says (its mode, already validated by the schema). */
    public static InjectionSettings from(SidecarSettings sidecar) {
        SidecarMode mode = SidecarMode.fromWireName(sidecar.mode()).orElseThrow(() -> new IllegalArgumentException(
                "sidecar mode is native or legacy, not " + sidecar.mode()));
        return DEFAULT.withMode(mode);
    }

    public InjectionSettings withMode(SidecarMode newMode) {
        return new InjectionSettings(newMode, proxyImage, initImage, resources, exclusions, proxyConcurrency);
    }

    public InjectionSettings withResources(ProxyResources newResources) {
        return new InjectionSettings(mode, proxyImage, initImage, newResources, exclusions, proxyConcurrency);
    }

    public InjectionSettings withExclusions(TrafficExclusions newExclusions) {
        return new InjectionSettings(mode, proxyImage, initImage, resources, newExclusions, proxyConcurrency);
    }

    private static void requireText(String value, String name) {
        if (Objects.requireNonNull(value, name).isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
