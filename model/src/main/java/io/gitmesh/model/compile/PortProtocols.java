package io.gitmesh.model.compile;

import io.gitmesh.model.Protocol;
import io.gitmesh.model.cluster.ServicePort;
import io.gitmesh.model.cluster.Transport;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The application protocol of a Service port, decided in this order:
 * <ol>
 *   <li>a UDP port is UDP; an SCTP port is not proxied (no protocol);</li>
 *   <li>{@code appProtocol} when set: {@code http} and {@code kubernetes.io/ws} are HTTP; {@code http2},
 *       {@code h2c} and {@code kubernetes.io/h2c} are HTTP2; {@code grpc} is GRPC; any other value
 *       ({@code tcp}, {@code tls}, {@code https}, {@code mysql}, {@code tcp-server-first}, ...) is TCP:
 *       a protocol the mesh does not parse is forwarded as opaque bytes;</li>
 *   <li>the port name's prefix (the whole name, or the part before the first {@code -}):
 *       {@code http}, {@code http2}/{@code h2c}, {@code grpc} as above; {@code tcp}, {@code tls},
 *       {@code https}, {@code mysql}, {@code mongo}, {@code redis} are TCP;</li>
 *   <li>otherwise HTTP, OSM's default for TCP ports.</li>
 * </ol>
 */
final class PortProtocols {
    private static final Map<String, Protocol> APP_PROTOCOLS = Map.of(
            "http", Protocol.HTTP,
            "kubernetes.io/ws", Protocol.HTTP,
            "http2", Protocol.HTTP2,
            "h2c", Protocol.HTTP2,
            "kubernetes.io/h2c", Protocol.HTTP2,
            "grpc", Protocol.GRPC);

    private static final Map<String, Protocol> NAME_PREFIXES = Map.ofEntries(
            Map.entry("http", Protocol.HTTP),
            Map.entry("http2", Protocol.HTTP2),
            Map.entry("h2c", Protocol.HTTP2),
            Map.entry("grpc", Protocol.GRPC),
            Map.entry("tcp", Protocol.TCP),
            Map.entry("tls", Protocol.TCP),
            Map.entry("https", Protocol.TCP),
            Map.entry("mysql", Protocol.TCP),
            Map.entry("mongo", Protocol.TCP),
            Map.entry("redis", Protocol.TCP));

    private PortProtocols() {
    }

    static Optional<Protocol> of(ServicePort port) {
        if (port.transport() == Transport.UDP) {
            return Optional.of(Protocol.UDP);
        }
        if (port.transport() == Transport.SCTP) {
            return Optional.empty();
        }
        if (!port.appProtocol().isEmpty()) {
            return Optional.of(APP_PROTOCOLS.getOrDefault(port.appProtocol().toLowerCase(Locale.ROOT), Protocol.TCP));
        }
        String name = port.name().toLowerCase(Locale.ROOT);
        int dash = name.indexOf('-');
        String prefix = dash < 0 ? name : name.substring(0, dash);
        return Optional.of(NAME_PREFIXES.getOrDefault(prefix, Protocol.HTTP));
    }
}
