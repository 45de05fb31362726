package io.gitmesh.xds.translate;

import io.envoyproxy.envoy.config.core.v3.TransportSocket;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.CertificateProviderPluginInstance;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.CertificateValidationContext;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.CommonTlsContext;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.SdsSecretConfig;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.SubjectAltNameMatcher;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext;
import io.envoyproxy.envoy.type.matcher.v3.StringMatcher;
import io.gitmesh.model.Identity;
import io.gitmesh.model.SpiffeId;
import java.util.List;

/**
 * The mTLS transport sockets. A sidecar takes its certificate and the trust bundle from SDS secrets
 * ({@link ResourceNames#workloadCertificate}, {@link ResourceNames#trustBundle}); a proxyless gRPC
 * workload from the certificate-provider instance {@link ResourceNames#CERTIFICATE_PROVIDER_INSTANCE} of
 * its bootstrap, within gRPC's rules (no SDS, no {@code tls_params}, SAN matching upstream only).
 * Upstream, the peer must present one of the destination identities' SPIFFE IDs; a destination with no
 * known identity must present some SPIFFE ID of the trust domain.
 */
final class TlsContexts {
    private static final CertificateProviderPluginInstance PROVIDER = CertificateProviderPluginInstance.newBuilder()
            .setInstanceName(ResourceNames.CERTIFICATE_PROVIDER_INSTANCE)
            .build();

    private TlsContexts() {
    }

    /** A sidecar connecting to a Service, sending its host name as SNI for the inbound chain to match. */
    static TransportSocket sidecarUpstream(Identity self, String trustDomain, List<Identity> peers, String sni) {
        CertificateValidationContext.Builder peerCheck = CertificateValidationContext.newBuilder();
        peerMatchers(peers, trustDomain).forEach(matcher -> peerCheck.addMatchTypedSubjectAltNames(
                SubjectAltNameMatcher.newBuilder().setSanType(SubjectAltNameMatcher.SanType.URI).setMatcher(matcher)));
        CommonTlsContext common = CommonTlsContext.newBuilder()
                .addTlsCertificateSdsSecretConfigs(sds(ResourceNames.workloadCertificate(self)))
                .setCombinedValidationContext(CommonTlsContext.CombinedCertificateValidationContext.newBuilder()
                        .setDefaultValidationContext(peerCheck)
                        .setValidationContextSdsSecretConfig(sds(ResourceNames.trustBundle(trustDomain))))
                .build();
        return Protos.tls(UpstreamTlsContext.newBuilder().setCommonTlsContext(common).setSni(sni).build());
    }

    /** A sidecar accepting connections only from peers with a certificate of the trust bundle. */
    static TransportSocket sidecarDownstream(Identity self, String trustDomain) {
        CommonTlsContext common = CommonTlsContext.newBuilder()
                .addTlsCertificateSdsSecretConfigs(sds(ResourceNames.workloadCertificate(self)))
                .setValidationContextSdsSecretConfig(sds(ResourceNames.trustBundle(trustDomain)))
                .build();
        return Protos.tls(DownstreamTlsContext.newBuilder()
                .setCommonTlsContext(common)
                .setRequireClientCertificate(com.google.protobuf.BoolValue.of(true))
                .build());
    }

    /**
     * A gRPC client connecting to a Service. gRPC reads only the untyped {@code match_subject_alt_names}
     * (gRFC A29), which Envoy has deprecated.
     */
    @SuppressWarnings("deprecation")
    static TransportSocket proxylessUpstream(String trustDomain, List<Identity> peers) {
        CertificateValidationContext peerCheck = CertificateValidationContext.newBuilder()
                .setCaCertificateProviderInstance(PROVIDER)
                .addAllMatchSubjectAltNames(peerMatchers(peers, trustDomain))
                .build();
        CommonTlsContext common = CommonTlsContext.newBuilder()
                .setTlsCertificateProviderInstance(PROVIDER)
                .setValidationContext(peerCheck)
                .build();
        return Protos.tls(UpstreamTlsContext.newBuilder().setCommonTlsContext(common).build());
    }

    /** A gRPC server requiring a client certificate of the trust bundle. */
    static TransportSocket proxylessDownstream() {
        CommonTlsContext common = CommonTlsContext.newBuilder()
                .setTlsCertificateProviderInstance(PROVIDER)
                .setValidationContext(CertificateValidationContext.newBuilder().setCaCertificateProviderInstance(PROVIDER))
                .build();
        return Protos.tls(DownstreamTlsContext.newBuilder()
                .setCommonTlsContext(common)
                .setRequireClientCertificate(com.google.protobuf.BoolValue.of(true))
                .build());
    }

    private static List<StringMatcher> peerMatchers(List<Identity> peers, String trustDomain) {
        if (peers.isEmpty()) {
            return List.of(StringMatcher.newBuilder().setPrefix(SpiffeId.SCHEME + trustDomain + "/").build());
        }
        return peers.stream()
                .map(peer -> StringMatcher.newBuilder().setExact(peer.spiffeId(trustDomain).uri()).build())
                .toList();
    }

    private static SdsSecretConfig sds(String name) {
        return SdsSecretConfig.newBuilder().setName(name).setSdsConfig(Protos.ads()).build();
    }
}
