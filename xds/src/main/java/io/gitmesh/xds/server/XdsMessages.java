package io.gitmesh.xds.server;

import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryResponse;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import java.util.Optional;

/** What the stream interceptor reads from state-of-the-world and delta messages alike. */
final class XdsMessages {
    private XdsMessages() {
    }

    /** A request: its node (if it carries one), type, names asked for, the nonce it answers and its error. */
    record Request(Optional<Node> node, String typeUrl, int names, String responseNonce, Optional<String> error) {
        static Request of(Object message) {
            return switch (message) {
                case DiscoveryRequest r -> new Request(r.hasNode() ? Optional.of(r.getNode()) : Optional.empty(),
                        r.getTypeUrl(), r.getResourceNamesCount(), r.getResponseNonce(),
                        r.hasErrorDetail() ? Optional.of(r.getErrorDetail().getMessage()) : Optional.empty());
                case DeltaDiscoveryRequest r -> new Request(r.hasNode() ? Optional.of(r.getNode()) : Optional.empty(),
                        r.getTypeUrl(), r.getResourceNamesSubscribeCount(), r.getResponseNonce(),
                        r.hasErrorDetail() ? Optional.of(r.getErrorDetail().getMessage()) : Optional.empty());
                default -> throw new IllegalArgumentException("not an xDS request: " + message.getClass().getName());
            };
        }
    }

    /** A response: its type, nonce and version. */
    record Response(String typeUrl, String nonce, String version) {
        static Response of(Object message) {
            return switch (message) {
                case DiscoveryResponse r -> new Response(r.getTypeUrl(), r.getNonce(), r.getVersionInfo());
                case DeltaDiscoveryResponse r -> new Response(r.getTypeUrl(), r.getNonce(), r.getSystemVersionInfo());
                default -> throw new IllegalArgumentException("not an xDS response: " + message.getClass().getName());
            };
        }
    }

    /**
     * The request as java-control-plane should see it: carrying {@code node} in place of whatever node
     * it had, {@code defaultTypeUrl} if it names no type, and, if it rejects a response
     * ({@code rejectedVersion}), turned into a plain receipt of that version.
     *
     * <p>The type matters on the per-type services, where xDS lets a request leave it implicit but
     * java-control-plane 1.0.49 fails on an empty one. The receipt matters because java-control-plane
     * answers a NACK by sending the rejected version again at once (the NACK's {@code version_info} is
     * the older accepted one, so the cache sees a proxy behind), and the proxy rejects it again, in a
     * loop; as a receipt, the cache waits for a newer version instead. The NACK itself has been recorded.
     */
    static Object forwarded(Object message, Node node, String defaultTypeUrl, Optional<String> rejectedVersion) {
        return switch (message) {
            case DiscoveryRequest r -> {
                DiscoveryRequest.Builder request = r.toBuilder().setNode(node);
                if (r.getTypeUrl().isEmpty()) {
                    request.setTypeUrl(defaultTypeUrl);
                }
                rejectedVersion.ifPresent(version -> request.clearErrorDetail().setVersionInfo(version));
                yield request.build();
            }
            case DeltaDiscoveryRequest r -> {
                DeltaDiscoveryRequest.Builder request = r.toBuilder().setNode(node);
                if (r.getTypeUrl().isEmpty()) {
                    request.setTypeUrl(defaultTypeUrl);
                }
                rejectedVersion.ifPresent(version -> request.clearErrorDetail());
                yield request.build();
            }
            default -> throw new IllegalArgumentException("not an xDS request: " + message.getClass().getName());
        };
    }
}
