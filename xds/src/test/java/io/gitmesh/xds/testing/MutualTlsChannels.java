package io.gitmesh.xds.testing;

import io.gitmesh.ca.IssuedCertificate;
import io.gitmesh.ca.TrustBundle;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Plain (not xDS) TLS channels to {@code localhost}, for hand-driven streams against an mTLS xDS server. */
public final class MutualTlsChannels {
    private MutualTlsChannels() {
    }

    /** Presents {@code client} (with its generated key) and trusts {@code trust}. */
    public static ManagedChannel presenting(int port, IssuedCertificate client, TrustBundle trust) {
        try {
            return channel(port, TlsChannelCredentials.newBuilder()
                    .keyManager(stream(client.certificateChainPem()), stream(client.privateKeyPem().orElseThrow()))
                    .trustManager(stream(trust.pem()))
                    .build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Trusts {@code trust} but presents no certificate. */
    public static ManagedChannel anonymous(int port, TrustBundle trust) {
        try {
            return channel(port, TlsChannelCredentials.newBuilder().trustManager(stream(trust.pem())).build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ManagedChannel channel(int port, ChannelCredentials credentials) {
        return Grpc.newChannelBuilderForAddress("localhost", port, credentials).build();
    }

    private static InputStream stream(String pem) {
        return new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII));
    }
}
