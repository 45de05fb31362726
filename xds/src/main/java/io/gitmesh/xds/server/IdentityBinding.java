package io.gitmesh.xds.server;

import io.gitmesh.ca.Svid;
import io.gitmesh.model.Identity;
import io.gitmesh.model.SpiffeId;
import io.gitmesh.xds.SnapshotGroup;
import io.grpc.Status;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * Binds an xDS stream to the SPIFFE identity of its client certificate: a stream may serve only the
 * group of the namespace and service account its certificate names, in the server's trust domain. With
 * plaintext xDS ({@link #none()}, loopback development) there is no certificate and no binding: a node
 * gets whatever group its metadata names.
 */
final class IdentityBinding {
    /** Why a stream was refused, as the {@code reason} tag of {@code gitmesh.xds.streams.refused}, and what to tell it. */
    record Refusal(String reason, String presented, Status status) {
    }

    private final Optional<String> trustDomain;

    private IdentityBinding(Optional<String> trustDomain) {
        this.trustDomain = trustDomain;
    }

    /** Plaintext: streams are not bound. */
    static IdentityBinding none() {
        return new IdentityBinding(Optional.empty());
    }

    /** mTLS: every stream's certificate must name an identity of {@code trustDomain}, the one its node claims. */
    static IdentityBinding to(String trustDomain) {
        return new IdentityBinding(Optional.of(trustDomain));
    }

    /** Why the stream of {@code session} may not serve {@code group}; empty when it may. */
    Optional<Refusal> refusal(SSLSession session, SnapshotGroup group) {
        if (trustDomain.isEmpty()) {
            return Optional.empty();
        }
        String claimed = new Identity(group.namespace(), group.serviceAccount()).spiffeId(trustDomain.get()).uri();
        Optional<X509Certificate> leaf = peerLeaf(session);
        if (leaf.isEmpty()) {
            return Optional.of(new Refusal("no-client-certificate", "none", Status.UNAUTHENTICATED.withDescription(
                    "xDS over mTLS needs a client certificate naming " + claimed)));
        }
        Optional<SpiffeId> presented = Svid.spiffeId(leaf.get());
        if (presented.isEmpty()) {
            return Optional.of(new Refusal("not-an-svid", String.valueOf(Svid.uris(leaf.get())),
                    Status.PERMISSION_DENIED.withDescription("the client certificate is not an X.509-SVID (one URI SAN "
                            + "spiffe://<trust domain>/ns/<namespace>/sa/<service account>); the node claims " + claimed)));
        }
        SpiffeId id = presented.get();
        if (!id.trustDomain().equals(trustDomain.get())) {
            return Optional.of(new Refusal("trust-domain", id.uri(), Status.PERMISSION_DENIED.withDescription(
                    "the client certificate names " + id.uri() + ", outside the trust domain " + trustDomain.get()
                            + " this server serves")));
        }
        if (!id.namespace().equals(group.namespace()) || !id.serviceAccount().equals(group.serviceAccount())) {
            return Optional.of(new Refusal("identity", id.uri(), Status.PERMISSION_DENIED.withDescription(
                    "the node claims " + claimed + " but its client certificate names " + id.uri()
                            + "; a workload gets only its own identity's config (fix the bootstrap's node metadata or"
                            + " its certificate files)")));
        }
        return Optional.empty();
    }

    private static Optional<X509Certificate> peerLeaf(SSLSession session) {
        if (session == null) {
            return Optional.empty();
        }
        try {
            Certificate[] chain = session.getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate leaf ? Optional.of(leaf) : Optional.empty();
        } catch (SSLPeerUnverifiedException e) {
            return Optional.empty();
        }
    }
}
