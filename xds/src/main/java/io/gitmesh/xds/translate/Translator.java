package io.gitmesh.xds.translate;

import io.gitmesh.model.Mesh;
import io.gitmesh.xds.ProxyConfig;
import io.gitmesh.xds.ResourceInterner;
import io.gitmesh.xds.SnapshotGroup;

/**
 * Translates the mesh into what one snapshot group receives over xDS (DESIGN.md §5). Pure and
 * deterministic: equal input gives a byte-identical config with an equal version.
 *
 * <p>The group's identity decides what its proxies may reach ({@link Mesh#outbound}: in SMI mode only
 * what TrafficTargets open to it, in permissive mode everything) and whom they admit
 * ({@link Mesh#inbound}); its ports decide which of the identity's served Service ports these proxies
 * listen for. Its flavour decides the shape:
 * <ul>
 *   <li>{@link io.gitmesh.xds.Flavour#ENVOY}: a sidecar with an outbound listener
 *       ({@link SidecarOutbound}) and an mTLS inbound listener ({@link SidecarInbound}); certificates
 *       come as SDS secrets, which this translation names but does not build;</li>
 *   <li>{@link io.gitmesh.xds.Flavour#GRPC}: proxyless gRPC client and server listeners
 *       ({@link ProxylessGrpc}).</li>
 * </ul>
 * Every resource is named by {@link ResourceNames}.
 */
public final class Translator {

    public ProxyConfig translate(Mesh mesh, SnapshotGroup group, TranslateOptions options) {
        return translate(ProxyScope.of(mesh, group, options), null);
    }

    /** The config of a scope, its resources interned in {@code interner} when one is given. */
    ProxyConfig translate(ProxyScope scope, ResourceInterner interner) {
        ResourceCollector out = new ResourceCollector();
        switch (scope.flavour()) {
            case ENVOY -> {
                SidecarOutbound.translate(scope, out);
                SidecarInbound.translate(scope, out);
            }
            case GRPC -> ProxylessGrpc.translate(scope, out);
        }
        return out.build(interner);
    }
}
