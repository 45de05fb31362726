package io.gitmesh.app.run;

import io.gitmesh.model.SpiffeId;
import io.gitmesh.schema.policy.MeshConfig;
import java.nio.file.Path;
import java.util.Objects;

/** How {@code gitmesh run} secures xDS. */
public sealed interface XdsSecurity {

    /**
     * INSECURE, loopback development only: plaintext xDS, no identity binding (any node gets the group it
     * claims), no SDS secrets, and proxyless gRPC translated to plaintext with the caller named by a header.
     */
    record Insecure() implements XdsSecurity {
    }

    /**
     * mTLS (the default): the CA kept in {@code caDirectory} ({@code FileCaStore}: created on first start
     * for {@code trustDomain}, reused afterwards) issues the server's certificate (SPIFFE ID
     * {@code spiffe://<trust domain>/ns/gitmesh-system/sa/gitmesh}, DNS name {@code serverName}) and the
     * Envoy sidecars' SDS secrets; every stream is bound to its client certificate's identity.
     *
     * @param trustDomain used only when the CA is created; an existing CA keeps its own
     * @param serverName  the host name workloads dial the xDS server by (a DNS SAN of its certificate)
     */
    record MutualTls(Path caDirectory, String trustDomain, String serverName) implements XdsSecurity {
        public MutualTls {
            Objects.requireNonNull(caDirectory, "caDirectory");
            if (!SpiffeId.isValidTrustDomain(trustDomain)) {
                throw new IllegalArgumentException("not a SPIFFE trust domain: \"" + trustDomain + "\"");
            }
            Objects.requireNonNull(serverName, "serverName");
        }
    }

    static XdsSecurity insecure() {
        return new Insecure();
    }

    /** mTLS with the CA in {@code caDirectory}, trust domain {@code cluster.local}, server name {@code localhost}. */
    static XdsSecurity mutualTls(Path caDirectory) {
        return new MutualTls(caDirectory, MeshConfig.DEFAULT_TRUST_DOMAIN, "localhost");
    }
}
