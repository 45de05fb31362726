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

    /** The request with {@code node} in place of whatever node it carried. */
    static Object withNode(Object message, Node node) {
        return switch (message) {
            case DiscoveryRequest r -> r.toBuilder().setNode(node).build();
            case DeltaDiscoveryRequest r -> r.toBuilder().setNode(node).build();
            default -> throw new IllegalArgumentException("not an xDS request: " + message.getClass().getName());
        };
    }
}
