package io.gitmesh.app.demo;

import io.gitmesh.ca.store.WorkloadFiles;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import io.grpc.util.AdvancedTlsX509TrustManager;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;

/**
 * A channel straight to one pod, around the mesh's routing, with mTLS from the workload's own
 * certificate files: the server's certificate must chain to the CA (its host name is not checked: pods
 * are reached by IP, and mesh certificates name SPIFFE IDs). What a workload that ignores gitmesh's
 * directions can do; the server's RBAC still decides by the SPIFFE ID in the client's certificate.
 */
final class DirectChannel {
    private DirectChannel() {
    }

    /** A channel to 127.0.0.1:{@code port}, presenting the certificate in {@code certificates}. */
    static ManagedChannel open(int port, Path certificates) {
        try {
            AdvancedTlsX509TrustManager trust = AdvancedTlsX509TrustManager.newBuilder()
                    .setVerification(AdvancedTlsX509TrustManager.Verification.CERTIFICATE_ONLY_VERIFICATION)
                    .build();
            trust.updateTrustCredentials(certificates.resolve(WorkloadFiles.TRUST_BUNDLE).toFile());
            ChannelCredentials credentials = TlsChannelCredentials.newBuilder()
                    .keyManager(certificates.resolve(WorkloadFiles.CERTIFICATE).toFile(),
                            certificates.resolve(WorkloadFiles.PRIVATE_KEY).toFile())
                    .trustManager(trust)
                    .build();
            return Grpc.newChannelBuilderForAddress("127.0.0.1", port, credentials).build();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the certificate files in " + certificates + ": "
                    + e.getMessage(), e);
        }
    }
}
