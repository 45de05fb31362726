package io.gitmesh.xds.translate;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.envoyproxy.envoy.extensions.filters.http.router.v3.Router;
import io.envoyproxy.envoy.extensions.filters.listener.original_dst.v3.OriginalDst;
import io.envoyproxy.envoy.extensions.filters.listener.tls_inspector.v3.TlsInspector;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.Secret;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext;
import io.envoyproxy.envoy.extensions.upstreams.http.v3.HttpProtocolOptions;
import io.gitmesh.xds.ProxyConfig;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A {@link ProxyConfig} as canonical proto JSON, for people ({@code gitmesh render}, golden files): one
 * object with the listeners, routes, clusters and endpoints, each resource in Envoy's own JSON form (map
 * keys sorted, {@code Any} values expanded with their {@code @type}), and the names of the secrets only,
 * never their keys. Equal configs print equal text.
 */
public final class ProxyConfigJson {
    /** Every message type the translation packs into an {@code Any}. */
    public static final JsonFormat.TypeRegistry TYPES = JsonFormat.TypeRegistry.newBuilder()
            .add(List.of(HttpConnectionManager.getDescriptor(), Router.getDescriptor(),
                    io.envoyproxy.envoy.extensions.filters.http.rbac.v3.RBAC.getDescriptor(),
                    io.envoyproxy.envoy.extensions.filters.network.rbac.v3.RBAC.getDescriptor(),
                    TcpProxy.getDescriptor(), OriginalDst.getDescriptor(), TlsInspector.getDescriptor(),
                    UpstreamTlsContext.getDescriptor(), DownstreamTlsContext.getDescriptor(),
                    HttpProtocolOptions.getDescriptor()))
            .build();

    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().usingTypeRegistry(TYPES).sortingMapKeys();
    private static final String INDENT = "  ";

    private ProxyConfigJson() {
    }

    /**
     * The config as JSON text, ending with a newline.
     *
     * @throws IllegalArgumentException if a resource holds an {@code Any} of a type {@link #TYPES} lacks
     */
    public static String print(ProxyConfig config) {
        return "{\n"
                + INDENT + "\"listeners\": " + array(config.listeners()) + ",\n"
                + INDENT + "\"routes\": " + array(config.routes()) + ",\n"
                + INDENT + "\"clusters\": " + array(config.clusters()) + ",\n"
                + INDENT + "\"endpoints\": " + array(config.endpoints()) + ",\n"
                + INDENT + "\"secrets\": " + secretNames(config.secrets()) + "\n"
                + "}\n";
    }

    private static String array(List<? extends Message> messages) {
        if (messages.isEmpty()) {
            return "[]";
        }
        return messages.stream()
                .map(message -> indent(json(message), INDENT + INDENT))
                .collect(Collectors.joining(",\n", "[\n", "\n" + INDENT + "]"));
    }

    private static String secretNames(List<Secret> secrets) {
        return secrets.stream()
                .map(secret -> quoted(secret.getName()))
                .collect(Collectors.joining(", ", "[", "]"));
    }

    private static String json(Message message) {
        try {
            return PRINTER.print(message);
        } catch (InvalidProtocolBufferException unknownType) {
            throw new IllegalArgumentException("cannot print " + message.getDescriptorForType().getFullName()
                    + " as JSON: " + unknownType.getMessage(), unknownType);
        }
    }

    private static String indent(String text, String indent) {
        return text.lines().map(line -> indent + line).collect(Collectors.joining("\n"));
    }

    private static String quoted(String text) {
        try {
            return JsonFormat.printer().print(com.google.protobuf.StringValue.of(text));
        } catch (InvalidProtocolBufferException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
