package io.gitmesh.ca;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitmesh.model.SpiffeId;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Date;
import java.util.Optional;
import java.util.stream.Stream;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The X.509-SVID leaf rules (§5.2) as a peer applies them, on certificates made to break one rule each. */
class SvidTest {
    private static final KeyPair KEYS = Csrs.ecKeys("secp256r1");
    private static final String BOOKSTORE = "spiffe://cluster.local/ns/bookstore/sa/bookstore";

    static Stream<Arguments> certificates() {
        return Stream.of(
                Arguments.of("a workload leaf", certificate(false, KeyUsage.digitalSignature, BOOKSTORE),
                        Optional.of(new SpiffeId("cluster.local", "bookstore", "bookstore"))),
                Arguments.of("a CA", certificate(true, KeyUsage.keyCertSign, BOOKSTORE), Optional.empty()),
                Arguments.of("a leaf that may sign certificates",
                        certificate(false, KeyUsage.digitalSignature | KeyUsage.keyCertSign, BOOKSTORE), Optional.empty()),
                Arguments.of("a leaf that may sign CRLs",
                        certificate(false, KeyUsage.digitalSignature | KeyUsage.cRLSign, BOOKSTORE), Optional.empty()),
                Arguments.of("two URI SANs", certificate(false, KeyUsage.digitalSignature, BOOKSTORE,
                        "spiffe://cluster.local/ns/bookbuyer/sa/bookbuyer"), Optional.empty()),
                Arguments.of("no URI SAN", certificate(false, KeyUsage.digitalSignature), Optional.empty()),
                Arguments.of("a SPIFFE ID that is not ns/sa", certificate(false, KeyUsage.digitalSignature,
                        "spiffe://cluster.local/workload/bookstore"), Optional.empty()),
                Arguments.of("another scheme", certificate(false, KeyUsage.digitalSignature,
                        "https://cluster.local/ns/bookstore/sa/bookstore"), Optional.empty()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("certificates")
    void aPeerIdentityIsReadOnlyFromAProperLeaf(String name, X509Certificate certificate, Optional<SpiffeId> expected) {
        assertThat(Svid.spiffeId(certificate)).isEqualTo(expected);
    }

    private static X509Certificate certificate(boolean ca, int keyUsage, String... uris) {
        try {
            X500Name name = new X500Name("CN=test");
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.ONE,
                    new Date(0), new Date(4_000_000_000_000L), name, KEYS.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(ca))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
            if (uris.length > 0) {
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(Arrays.stream(uris)
                        .map(uri -> new GeneralName(GeneralName.uniformResourceIdentifier, uri))
                        .toArray(GeneralName[]::new)));
            }
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(KEYS.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
