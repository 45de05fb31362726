package io.gitmesh.xds.secrets;

import io.envoyproxy.envoy.config.core.v3.DataSource;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.CertificateValidationContext;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.Secret;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.TlsCertificate;
import io.gitmesh.ca.IssuedCertificate;
import io.gitmesh.ca.TrustBundle;
import io.gitmesh.model.Identity;
import io.gitmesh.xds.translate.ResourceNames;

/**
 * The two SDS secrets of an Envoy sidecar, under the names its translated TLS contexts reference. They
 * hold a private key: never log, print or render one (ProxyConfigJson shows secrets by name only).
 */
final class SdsResources {
    private SdsResources() {
    }

    /** {@link ResourceNames#workloadCertificate}: the leaf with its intermediates, and its private key. */
    static Secret workloadCertificate(Identity identity, IssuedCertificate certificate) {
        String key = certificate.privateKeyPem().orElseThrow(() -> new IllegalArgumentException(
                "an SDS certificate needs its key: issue it with a new key"));
        return Secret.newBuilder()
                .setName(ResourceNames.workloadCertificate(identity))
                .setTlsCertificate(TlsCertificate.newBuilder()
                        .setCertificateChain(inline(certificate.certificateChainPem()))
                        .setPrivateKey(inline(key)))
                .build();
    }

    /** {@link ResourceNames#trustBundle}: every root of the bundle, as the trusted CAs of a validation context. */
    static Secret trustBundle(TrustBundle bundle) {
        return Secret.newBuilder()
                .setName(ResourceNames.trustBundle(bundle.trustDomain()))
                .setValidationContext(CertificateValidationContext.newBuilder().setTrustedCa(inline(bundle.pem())))
                .build();
    }

    private static DataSource inline(String pem) {
        return DataSource.newBuilder().setInlineString(pem).build();
    }
}
