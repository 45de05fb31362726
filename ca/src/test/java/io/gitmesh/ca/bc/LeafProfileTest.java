package io.gitmesh.ca.bc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitmesh.ca.CaMaterial;
import io.gitmesh.ca.Csrs;
import io.gitmesh.ca.IssuedCertificate;
import io.gitmesh.ca.LeafRequest;
import io.gitmesh.ca.MutableClock;
import io.gitmesh.ca.Svid;
import io.gitmesh.model.Identity;
import io.gitmesh.model.SpiffeId;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The leaf profile of the X.509-SVID specification, read back through the JDK's certificate parser. */
class LeafProfileTest {
    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
    private static final Identity BOOKSTORE = new Identity("bookstore", "bookstore-v1");
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final int DIGITAL_SIGNATURE = 0;
    private static final int KEY_ENCIPHERMENT = 2;
    private static final int KEY_CERT_SIGN = 5;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static MutableClock clock;
    private static BouncyCastleCertificateAuthority ca;

    @BeforeAll
    static void createCa() {
        clock = new MutableClock(START);
        CaMaterial material = new CaMaterialGenerator(clock, RANDOM).generate(CaSettings.of("mesh.example"));
        ca = BouncyCastleCertificateAuthority.of(material, clock, RANDOM);
    }

    static Stream<Arguments> workloadKeys() {
        return Stream.of(
                Arguments.of("ECDSA P-256", Csrs.ecKeys("secp256r1"), false),
                Arguments.of("ECDSA P-384", Csrs.ecKeys("secp384r1"), false),
                Arguments.of("RSA 2048", Csrs.rsaKeys(2048), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("workloadKeys")
    void leafFromCsrFollowsTheSvidProfile(String name, KeyPair keys, boolean keyEncipherment) throws Exception {
        IssuedCertificate issued = ca.issue(LeafRequest.of(BOOKSTORE), Csrs.of(keys));
        X509Certificate leaf = issued.leaf();

        assertThat(Svid.uris(leaf)).containsExactly("spiffe://mesh.example/ns/bookstore/sa/bookstore-v1");
        assertThat(Svid.dnsNames(leaf)).isEmpty();
        assertThat(issued.spiffeId()).isEqualTo(new SpiffeId("mesh.example", "bookstore", "bookstore-v1"));
        assertThat(leaf.getBasicConstraints()).as("not a CA").isEqualTo(-1);
        assertThat(leaf.getKeyUsage()[DIGITAL_SIGNATURE]).isTrue();
        assertThat(leaf.getKeyUsage()[KEY_ENCIPHERMENT]).isEqualTo(keyEncipherment);
        assertThat(leaf.getKeyUsage()[KEY_CERT_SIGN]).isFalse();
        assertThat(leaf.getExtendedKeyUsage()).containsExactlyInAnyOrder(SERVER_AUTH, CLIENT_AUTH);
        assertThat(leaf.getCriticalExtensionOIDs())
                .as("basicConstraints, keyUsage, and the SAN because the subject is empty")
                .containsExactlyInAnyOrder("2.5.29.19", "2.5.29.15", "2.5.29.17");
        assertThat(leaf.getSubjectX500Principal().getName()).isEmpty();
        assertThat(leaf.getPublicKey()).isEqualTo(keys.getPublic());
        assertThat(issued.privateKey()).as("the workload keeps its key").isEmpty();
        leaf.verify(ca.trustBundle().roots().getFirst().getPublicKey());
    }

    @Test
    void dnsNamesFollowTheOneUriSan() {
        IssuedCertificate issued = ca.issue(LeafRequest.of(BOOKSTORE).withDnsNames(
                List.of("bookstore.bookstore.svc.cluster.local", "Bookstore.bookstore")), Csrs.of(Csrs.ecKeys("secp256r1")));

        assertThat(Svid.uris(issued.leaf())).hasSize(1);
        assertThat(Svid.dnsNames(issued.leaf()))
                .containsExactly("bookstore.bookstore.svc.cluster.local", "bookstore.bookstore");
    }

    @Test
    void lifetimeCountsFromIssueAndNotBeforeIsSetBackForClockSkew() {
        clock.set(START.plusMillis(1_500));
        IssuedCertificate defaults = ca.issue(LeafRequest.of(BOOKSTORE), Csrs.of(Csrs.ecKeys("secp256r1")));
        IssuedCertificate shortLived = ca.issueWithNewKey(LeafRequest.of(BOOKSTORE).withLifetime(Duration.ofHours(1)));

        Instant issuedAt = START.plusSeconds(1);
        assertThat(defaults.validity().notBefore()).isEqualTo(issuedAt.minus(Duration.ofMinutes(5)));
        assertThat(defaults.validity().notAfter()).isEqualTo(issuedAt.plus(Duration.ofHours(24)));
        assertThat(shortLived.validity().notAfter()).isEqualTo(issuedAt.plus(Duration.ofHours(1)));
        assertThat(BouncyCastleCertificateAuthority.CLOCK_SKEW_ALLOWANCE).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void aLeafNeverOutlivesItsSigner() {
        MutableClock local = new MutableClock(START);
        CaMaterial material = new CaMaterialGenerator(local, RANDOM)
                .generate(CaSettings.of("mesh.example").withRootLifetime(Duration.ofDays(2)));
        BouncyCastleCertificateAuthority shortRoot = BouncyCastleCertificateAuthority.of(material, local, RANDOM);

        IssuedCertificate issued = shortRoot.issueWithNewKey(LeafRequest.of(BOOKSTORE).withLifetime(Duration.ofDays(30)));

        assertThat(issued.validity().notAfter()).isEqualTo(material.root().certificate().getNotAfter().toInstant());
        local.advance(Duration.ofDays(3));
        assertThatThrownBy(() -> shortRoot.issueWithNewKey(LeafRequest.of(BOOKSTORE)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("expired")
                .hasMessageContaining("rotate the CA");
    }

    @Test
    void serialNumbersAreRandomPositive128BitNumbers() {
        List<BigInteger> serials = Stream.generate(() -> ca.issueWithNewKey(LeafRequest.of(BOOKSTORE)))
                .limit(20).map(issued -> issued.leaf().getSerialNumber()).toList();

        assertThat(serials).doesNotHaveDuplicates().allSatisfy(serial -> {
            assertThat(serial.signum()).isPositive();
            assertThat(serial.bitLength()).isLessThanOrEqualTo(129);
        });
        assertThat(serials.stream().mapToInt(BigInteger::bitLength).max().orElseThrow())
                .as("at least one of twenty serials uses the top bits").isGreaterThan(120);
    }

    @Test
    void aGeneratedKeyIsP256AndMatchesTheCertificateButNeverShowsInToString() throws Exception {
        IssuedCertificate issued = ca.issueWithNewKey(LeafRequest.of(BOOKSTORE));

        assertThat(((ECPublicKey) issued.leaf().getPublicKey()).getParams().getCurve().getField().getFieldSize())
                .isEqualTo(256);
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(issued.privateKey().orElseThrow());
        signer.update(new byte[] {1, 2, 3});
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(issued.leaf().getPublicKey());
        verifier.update(new byte[] {1, 2, 3});
        assertThat(verifier.verify(signer.sign())).isTrue();

        assertThat(issued.privateKeyPem().orElseThrow()).startsWith("-----BEGIN PRIVATE KEY-----\n");
        String encodedKey = Base64.getEncoder().encodeToString(issued.privateKey().orElseThrow().getEncoded());
        assertThat(issued.toString())
                .contains("spiffe://mesh.example/ns/bookstore/sa/bookstore-v1", "key=generated")
                .doesNotContain(encodedKey.substring(0, 40), encodedKey.substring(encodedKey.length() - 40));
    }

    @Test
    void chainPemPresentsTheLeafAndIntermediatesButNotTheRoot() {
        MutableClock local = new MutableClock(START);
        CaMaterial material = new CaMaterialGenerator(local, RANDOM)
                .generate(CaSettings.of("mesh.example").withIntermediate(true));
        IssuedCertificate issued = BouncyCastleCertificateAuthority.of(material, local, RANDOM)
                .issueWithNewKey(LeafRequest.of(BOOKSTORE));

        assertThat(issued.chain()).containsExactly(material.intermediate().orElseThrow().certificate(),
                material.root().certificate());
        assertThat(issued.certificateChainPem().split("BEGIN CERTIFICATE", -1)).hasSize(3);
        assertThat(issued.leaf().getIssuerX500Principal())
                .isEqualTo(material.intermediate().orElseThrow().certificate().getSubjectX500Principal());
    }
}
