package io.gitmesh.xds.translate;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Message;
import io.envoyproxy.envoy.config.core.v3.Address;
import io.envoyproxy.envoy.config.core.v3.AggregatedConfigSource;
import io.envoyproxy.envoy.config.core.v3.ApiVersion;
import io.envoyproxy.envoy.config.core.v3.ConfigSource;
import io.envoyproxy.envoy.config.core.v3.SocketAddress;
import io.envoyproxy.envoy.config.core.v3.TransportSocket;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Small protobuf building blocks every part of the translation uses. */
final class Protos {
    static final String TYPE_URL_PREFIX = "type.googleapis.com/";
    /** The transport socket name gRPC insists on for TLS (Envoy accepts any). */
    static final String TLS_TRANSPORT_SOCKET = "envoy.transport_sockets.tls";
    private static final String ANY_ADDRESS = "0.0.0.0";

    private static final ConfigSource ADS = ConfigSource.newBuilder()
            .setAds(AggregatedConfigSource.getDefaultInstance())
            .setResourceApiVersion(ApiVersion.V3)
            .build();

    private Protos() {
    }

    /**
     * The message in an {@code Any}, serialized deterministically (map entries, such as RBAC policies,
     * sorted by key), so that equal content packs to equal bytes and hashes to an equal version.
     */
    static Any pack(Message message) {
        byte[] bytes = new byte[message.getSerializedSize()];
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        out.useDeterministicSerialization();
        try {
            message.writeTo(out);
        } catch (IOException cannotHappenWritingToAnArray) {
            throw new UncheckedIOException(cannotHappenWritingToAnArray);
        }
        out.checkNoSpaceLeft();
        return Any.newBuilder()
                .setTypeUrl(TYPE_URL_PREFIX + message.getDescriptorForType().getFullName())
                .setValue(ByteString.copyFrom(bytes))
                .build();
    }

    /** Resources of this config source come over the same ADS stream, xDS v3. */
    static ConfigSource ads() {
        return ADS;
    }

    /** The port on every IPv4 address of the host (a gRPC server listener must say exactly this). */
    static Address anyAddress(int port) {
        return socketAddress(ANY_ADDRESS, port);
    }

    static Address socketAddress(String ip, int port) {
        return Address.newBuilder()
                .setSocketAddress(SocketAddress.newBuilder().setAddress(ip).setPortValue(port))
                .build();
    }

    /** A TLS transport socket holding an upstream or downstream TLS context. */
    static TransportSocket tls(Message tlsContext) {
        return TransportSocket.newBuilder()
                .setName(TLS_TRANSPORT_SOCKET)
                .setTypedConfig(pack(tlsContext))
                .build();
    }
}
