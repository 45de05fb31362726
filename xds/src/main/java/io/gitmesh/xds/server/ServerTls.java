package io.gitmesh.xds.server;

import io.gitmesh.ca.IssuedCertificate;
import io.gitmesh.ca.TrustBundle;
import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;
import io.grpc.util.AdvancedTlsX509KeyManager;
import io.grpc.util.AdvancedTlsX509TrustManager;
import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Objects;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The xDS server's half of mTLS: it presents a certificate of the mesh CA and requires every client to
 * present one that chains to the trust bundle (no certificate, or one of another CA, fails the handshake).
 * Both can be replaced while the server runs, when its certificate is renewed and during a root rotation:
 * new handshakes use the new ones, established connections keep what they negotiated.
 *
 * <p>Thread-safe. Holds the server's private key; {@link #toString()} shows the identity only.
 */
public final class ServerTls {
    private final String trustDomain;
    private final AdvancedTlsX509KeyManager keys = new AdvancedTlsX509KeyManager();
    private final AdvancedTlsX509TrustManager trust;
    private final ServerCredentials credentials;
    private volatile IssuedCertificate certificate;

    private ServerTls(IssuedCertificate certificate, TrustBundle bundle) {
        this.trustDomain = bundle.trustDomain();
        try {
            this.trust = AdvancedTlsX509TrustManager.newBuilder()
                    .setVerification(AdvancedTlsX509TrustManager.Verification.CERTIFICATE_ONLY_VERIFICATION)
                    .build();
        } catch (CertificateException e) {
            throw new IllegalStateException("the JDK offers no X.509 trust manager", e);
        }
        updateCertificate(certificate);
        updateTrustBundle(bundle);
        this.credentials = TlsServerCredentials.newBuilder()
                .keyManager(keys)
                .trustManager(new UnlistedIssuers(trust))
                .clientAuth(TlsServerCredentials.ClientAuth.REQUIRE)
                .build();
    }

    /**
     * Serves {@code certificate}, which must carry its generated key, and admits clients whose
     * certificates chain to a root of {@code bundle}.
     */
    public static ServerTls of(IssuedCertificate certificate, TrustBundle bundle) {
        return new ServerTls(Objects.requireNonNull(certificate, "certificate"), Objects.requireNonNull(bundle, "bundle"));
    }

    /** Presents {@code renewed} from the next handshake on; it must carry its generated key. */
    public void updateCertificate(IssuedCertificate renewed) {
        keys.updateIdentityCredentials(renewed.presentedChain().toArray(X509Certificate[]::new), renewed.privateKey()
                .orElseThrow(() -> new IllegalArgumentException("the xDS server needs the key of its certificate: "
                        + "issue it with a new key")));
        certificate = renewed;
    }

    /** Admits clients of {@code bundle}'s roots from the next handshake on (a root rotation stage). */
    public void updateTrustBundle(TrustBundle bundle) {
        if (!bundle.trustDomain().equals(trustDomain)) {
            throw new IllegalArgumentException("the xDS server serves trust domain " + trustDomain + ", not "
                    + bundle.trustDomain());
        }
        try {
            trust.updateTrustCredentials(bundle.roots().toArray(X509Certificate[]::new));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("the trust bundle cannot be loaded: " + e.getMessage(), e);
        }
    }

    /** The trust domain whose SPIFFE IDs clients must present. */
    public String trustDomain() {
        return trustDomain;
    }

    /** The certificate presented now. */
    public IssuedCertificate certificate() {
        return certificate;
    }

    ServerCredentials credentials() {
        return credentials;
    }

    /**
     * Checks with the delegate but names no acceptable issuers. A server lists those in its certificate
     * request, and netty's OpenSSL context reads the list once, when it is built: after a root rotation it
     * would be stale, and a client whose key manager picks its certificate by issuer would then send none.
     */
    private static final class UnlistedIssuers extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager delegate;

        UnlistedIssuers(X509ExtendedTrustManager delegate) {
            this.delegate = delegate;
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            delegate.checkClientTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            delegate.checkClientTrusted(chain, authType, socket);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            delegate.checkClientTrusted(chain, authType, engine);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            delegate.checkServerTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            delegate.checkServerTrusted(chain, authType, socket);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            delegate.checkServerTrusted(chain, authType, engine);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    @Override
    public String toString() {
        return "ServerTls[" + certificate + "]";
    }
}
