package io.gitmesh.xds.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.SubjectAltNameMatcher;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext;
import io.gitmesh.model.Identity;
import io.gitmesh.xds.Flavour;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The Envoy bootstrap's mTLS to the xDS server. */
class EnvoyBootstrapTest {

    @Test
    void envoyDiallingTheServerByNameSendsItAsSniAndRequiresItInTheCertificate() throws Exception {
        UpstreamTlsContext tls = xdsTls("gitmesh.gitmesh-system.svc");

        assertThat(tls.getSni()).isEqualTo("gitmesh.gitmesh-system.svc");
        assertThat(tls.getCommonTlsContext().getValidationContext().getMatchTypedSubjectAltNamesList())
                .singleElement().satisfies(san -> {
                    assertThat(san.getSanType()).isEqualTo(SubjectAltNameMatcher.SanType.DNS);
                    assertThat(san.getMatcher().getExact()).isEqualTo("gitmesh.gitmesh-system.svc");
                });
        assertThat(tls.getCommonTlsContext().getTlsCertificates(0).getCertificateChain().getFilename())
                .isEqualTo("/var/run/gitmesh/cert.pem");
        assertThat(tls.getCommonTlsContext().getValidationContext().getTrustedCa().getFilename())
                .isEqualTo("/var/run/gitmesh/ca.pem");
    }

    @Test
    void envoyDiallingTheServerByAddressChecksTheChainOnly() throws Exception {
        UpstreamTlsContext tls = xdsTls("10.0.0.7");

        assertThat(tls.getSni()).isEmpty();
        assertThat(tls.getCommonTlsContext().getValidationContext().getMatchTypedSubjectAltNamesList()).isEmpty();
    }

    private static UpstreamTlsContext xdsTls(String host) throws Exception {
        BootstrapSpec spec = new BootstrapSpec(new Identity("shop", "web"), "web-0", Flavour.ENVOY, host, 15012,
                List.of(), Optional.of("/var/run/gitmesh"), false);
        Cluster xds = EnvoyBootstrap.build(spec).getStaticResources().getClusters(0);
        return xds.getTransportSocket().getTypedConfig().unpack(UpstreamTlsContext.class);
    }
}
