package io.gitmesh.ca.bc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitmesh.ca.CertificateSigningRequest;
import io.gitmesh.ca.Csrs;
import io.gitmesh.ca.LeafRequest;
import io.gitmesh.ca.Pem;
import io.gitmesh.ca.RejectedRequestException;
import io.gitmesh.model.Identity;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Proof of possession and the keys a workload may use: what the authority refuses, and how it says so. */
class CsrVerificationTest {
    private static final LeafRequest REQUEST = LeafRequest.of(new Identity("bookbuyer", "bookbuyer"));
    private static BouncyCastleCertificateAuthority ca;

    @BeforeAll
    static void createCa() {
        SecureRandom random = new SecureRandom();
        ca = BouncyCastleCertificateAuthority.of(
                new CaMaterialGenerator(Clock.systemUTC(), random).generate(CaSettings.of("cluster.local")),
                Clock.systemUTC(), random);
    }

    static Stream<Arguments> refusedRequests() {
        return Stream.of(
                Arguments.of("signed with another key than the one it carries", (Supplier<CertificateSigningRequest>)
                        () -> Csrs.signed(Csrs.ecKeys("secp256r1").getPublic(), Csrs.ecKeys("secp256r1").getPrivate()),
                        "does not verify with the public key in the CSR"),
                Arguments.of("signature bytes altered", (Supplier<CertificateSigningRequest>)
                        () -> withLastByteFlipped(Csrs.of(Csrs.ecKeys("secp256r1"))),
                        "signature"),
                Arguments.of("not DER at all", (Supplier<CertificateSigningRequest>)
                        () -> CertificateSigningRequest.fromDer(new byte[] {1, 2, 3, 4}),
                        "not a PKCS#10 certificate signing request"),
                Arguments.of("EC key on P-521", (Supplier<CertificateSigningRequest>)
                        () -> Csrs.of(Csrs.ecKeys("secp521r1")),
                        "not on curve P-256 or P-384"),
                Arguments.of("RSA key of 1024 bits", (Supplier<CertificateSigningRequest>)
                        () -> Csrs.of(Csrs.rsaKeys(1024)),
                        "RSA key has 1024 bits"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedRequests")
    void refusedWithAReason(String name, Supplier<CertificateSigningRequest> csr, String reason) {
        assertThatThrownBy(() -> ca.issue(REQUEST, csr.get()))
                .isInstanceOf(RejectedRequestException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void aCsrSignedWithTheWrongKeySaysWhatTheRequesterMustDo() {
        KeyPair workload = Csrs.ecKeys("secp256r1");
        CertificateSigningRequest forged = Csrs.signed(workload.getPublic(), Csrs.ecKeys("secp256r1").getPrivate());

        assertThatThrownBy(() -> ca.issue(REQUEST, forged))
                .hasMessage("the CSR signature does not verify with the public key in the CSR: the requester must"
                        + " sign the request with the matching private key (proof of possession)");
    }

    @Test
    void aPemRequestIsReadAndCertified() {
        KeyPair workload = Csrs.ecKeys("secp256r1");
        String pem = "leading text is ignored\n" + Pem.encode(Pem.CERTIFICATE_REQUEST, Csrs.of(workload).der());

        assertThat(ca.issue(REQUEST, CertificateSigningRequest.fromPem(pem)).leaf().getPublicKey())
                .isEqualTo(workload.getPublic());
    }

    @Test
    void aPemWithoutOneRequestIsRefused() {
        assertThatThrownBy(() -> CertificateSigningRequest.fromPem("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"))
                .isInstanceOf(RejectedRequestException.class)
                .hasMessage("expected one PEM block \"BEGIN CERTIFICATE REQUEST\", found 0");
    }

    private static CertificateSigningRequest withLastByteFlipped(CertificateSigningRequest csr) {
        byte[] der = csr.der();
        der[der.length - 1] ^= 0x01;
        return CertificateSigningRequest.fromDer(der);
    }
}
