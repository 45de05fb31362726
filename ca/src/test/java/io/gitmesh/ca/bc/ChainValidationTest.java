package io.gitmesh.ca.bc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitmesh.ca.CaMaterial;
import io.gitmesh.ca.Csrs;
import io.gitmesh.ca.IssuedCertificate;
import io.gitmesh.ca.KeyType;
import io.gitmesh.ca.LeafRequest;
import io.gitmesh.ca.MutableClock;
import io.gitmesh.ca.Pkix;
import io.gitmesh.ca.TrustBundle;
import io.gitmesh.model.Identity;
import java.security.SecureRandom;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Issued chains judged by the JDK's PKIX CertPathValidator, with the bundle's roots as trust anchors. */
class ChainValidationTest {
    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
    private static final LeafRequest REQUEST = LeafRequest.of(new Identity("bookstore", "bookstore"));
    private static final SecureRandom RANDOM = new SecureRandom();

    static Stream<Arguments> authorities() {
        return Stream.of(
                Arguments.of("ECDSA P-256 root signs leaves", CaSettings.of("cluster.local"), 1, "SHA256withECDSA"),
                Arguments.of("ECDSA P-256 root and intermediate", CaSettings.of("cluster.local").withIntermediate(true),
                        2, "SHA256withECDSA"),
                Arguments.of("RSA 2048 root gets an ECDSA intermediate",
                        CaSettings.of("cluster.local").withRootKeyType(KeyType.RSA_2048), 2, "SHA256withECDSA"),
                Arguments.of("RSA 3072 root gets an ECDSA intermediate",
                        CaSettings.of("cluster.local").withRootKeyType(KeyType.RSA_3072), 2, "SHA256withECDSA"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("authorities")
    void chainsValidateWhileValidAndNotAfter(String name, CaSettings settings, int chainLength, String leafSignature)
            throws Exception {
        MutableClock clock = new MutableClock(START);
        CaMaterial material = new CaMaterialGenerator(clock, RANDOM).generate(settings);
        BouncyCastleCertificateAuthority ca = BouncyCastleCertificateAuthority.of(material, clock, RANDOM);
        IssuedCertificate issued = ca.issue(REQUEST, Csrs.of(Csrs.ecKeys("secp256r1")));

        assertThat(issued.chain()).hasSize(chainLength);
        assertThat(issued.leaf().getSigAlgName()).isEqualTo(leafSignature);
        Pkix.validate(issued, ca.trustBundle(), START);
        Pkix.validate(issued, ca.trustBundle(), START.minus(Duration.ofMinutes(4)));
        Pkix.validate(issued, ca.trustBundle(), issued.validity().notAfter());

        assertThatThrownBy(() -> Pkix.validate(issued, ca.trustBundle(), issued.validity().notAfter().plusSeconds(1)))
                .isInstanceOfSatisfying(CertPathValidatorException.class,
                        e -> assertThat(e.getReason()).isEqualTo(BasicReason.EXPIRED));
        assertThatThrownBy(() -> Pkix.validate(issued, ca.trustBundle(), START.minus(Duration.ofMinutes(6))))
                .isInstanceOfSatisfying(CertPathValidatorException.class,
                        e -> assertThat(e.getReason()).isEqualTo(BasicReason.NOT_YET_VALID));
    }

    @Test
    void anotherTrustDomainsRootDoesNotVouchForTheLeaf() {
        MutableClock clock = new MutableClock(START);
        BouncyCastleCertificateAuthority ours = BouncyCastleCertificateAuthority.of(
                new CaMaterialGenerator(clock, RANDOM).generate(CaSettings.of("cluster.local")), clock, RANDOM);
        TrustBundle theirs = BouncyCastleCertificateAuthority.of(
                new CaMaterialGenerator(clock, RANDOM).generate(CaSettings.of("cluster.local")), clock, RANDOM)
                .trustBundle();

        assertThat(Pkix.isValid(ours.issueWithNewKey(REQUEST), theirs, START)).isFalse();
    }

    @Test
    void theRootCarriesTheTrustDomainAndCanOnlySignCertificates() {
        CaMaterial material = new CaMaterialGenerator(new MutableClock(START), RANDOM)
                .generate(CaSettings.of("mesh.example").withIntermediate(true));

        assertThat(material.trustDomain()).isEqualTo("mesh.example");
        assertThat(material.root().certificate().getBasicConstraints()).isEqualTo(1);
        assertThat(material.intermediate().orElseThrow().certificate().getBasicConstraints()).isZero();
        assertThat(material.root().certificate().getKeyUsage())
                .as("keyCertSign and cRLSign only").containsExactly(false, false, false, false, false, true, true,
                        false, false);
        assertThat(material.root().certificate().getNotAfter().toInstant())
                .isEqualTo(START.plus(CaSettings.DEFAULT_ROOT_LIFETIME));
    }
}
