package io.gitmesh.ca.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitmesh.ca.CaMaterial;
import io.gitmesh.ca.Pem;
import io.gitmesh.ca.bc.CaMaterialGenerator;
import io.gitmesh.ca.bc.CaSettings;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Certificates read back from PEM, and the root a chain ends at. */
class CertificateChainsTest {
    private static final CaMaterialGenerator GENERATOR = new CaMaterialGenerator(Clock.systemUTC(), new SecureRandom());

    @Test
    void readsEveryCertificateInOrderAndFindsTheRootThatSignedTheTopOne() {
        CaMaterial ca = GENERATOR.generate(CaSettings.of("cluster.local").withIntermediate(true));
        CaMaterial other = GENERATOR.generate(CaSettings.of("cluster.local"));

        assertThat(CertificateChains.parse(Pem.certificates(ca.chain()))).isEqualTo(ca.chain());
        assertThat(CertificateChains.issuerOf(ca.chain().getFirst(), List.of(other.root().certificate(),
                ca.root().certificate()))).contains(ca.root().certificate());
        assertThat(CertificateChains.issuerOf(ca.chain().getFirst(), List.of(other.root().certificate()))).isEmpty();
    }

    @Test
    void textThatIsNotPemCertificatesIsRefused() {
        assertThatThrownBy(() -> CertificateChains.parse("hello")).isInstanceOf(IllegalArgumentException.class);
    }
}
