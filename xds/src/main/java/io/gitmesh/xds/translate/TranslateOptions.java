package io.gitmesh.xds.translate;

import java.util.Objects;

/**
 * How a mesh is translated, beyond what the mesh itself says.
 *
 * @param grpcSecurity how proxyless gRPC workloads authenticate each other; Envoy sidecars always use
 *                     mTLS with SDS secrets
 */
public record TranslateOptions(GrpcSecurity grpcSecurity) {

    /** How proxyless gRPC clients and servers learn who is on the other end. */
    public enum GrpcSecurity {
        /**
         * mTLS through the certificate-provider instance {@link ResourceNames#CERTIFICATE_PROVIDER_INSTANCE}:
         * clients check the server's SPIFFE ID, servers require a client certificate, and RBAC reads the
         * caller's SPIFFE ID from it.
         */
        MTLS,
        /**
         * INSECURE, for development and testing only: plaintext connections, and RBAC reads the caller's
         * SPIFFE ID from the {@link ResourceNames#CALLER_HEADER} request header, which any client can forge.
         */
        PLAINTEXT_INSECURE
    }

    public TranslateOptions {
        Objects.requireNonNull(grpcSecurity, "grpcSecurity");
    }

    /** The secure defaults: mTLS for proxyless gRPC. */
    public static TranslateOptions defaults() {
        return new TranslateOptions(GrpcSecurity.MTLS);
    }

    /** Plaintext proxyless gRPC with the caller named by a header: INSECURE, development and testing only. */
    public static TranslateOptions insecurePlaintextGrpc() {
        return new TranslateOptions(GrpcSecurity.PLAINTEXT_INSECURE);
    }
}
