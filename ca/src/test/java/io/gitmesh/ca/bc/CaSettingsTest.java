package io.gitmesh.ca.bc;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitmesh.ca.CaMaterial;
import io.gitmesh.ca.KeyType;
import io.gitmesh.ca.MutableClock;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A new CA like an existing one (a rotation's new root) keeps its trust domain, root key type and shape. */
class CaSettingsTest {
    private static final CaMaterialGenerator GENERATOR = new CaMaterialGenerator(
            new MutableClock(Instant.parse("2026-03-01T00:00:00Z")), new SecureRandom());

    static Stream<Arguments> existing() {
        return Stream.of(
                Arguments.of("ECDSA root signing itself", CaSettings.of("cluster.local")),
                Arguments.of("ECDSA root with an intermediate", CaSettings.of("mesh.example").withIntermediate(true)),
                Arguments.of("RSA root (always with an intermediate)",
                        CaSettings.of("cluster.local").withRootKeyType(KeyType.RSA_2048)));
    }

    static Stream<Arguments> keys() {
        return Stream.of(
                Arguments.of("P-256", "EC", new ECGenParameterSpec("secp256r1"), Optional.of(KeyType.EC_P256)),
                Arguments.of("P-384: gitmesh makes no such root", "EC", new ECGenParameterSpec("secp384r1"),
                        Optional.empty()),
                Arguments.of("RSA 3072", "RSA", new RSAKeyGenParameterSpec(3072, RSAKeyGenParameterSpec.F4),
                        Optional.of(KeyType.RSA_3072)),
                Arguments.of("RSA 4096: gitmesh makes no such root", "RSA",
                        new RSAKeyGenParameterSpec(4096, RSAKeyGenParameterSpec.F4), Optional.empty()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keys")
    void aKeyIsOfTheTypeGitmeshWouldGenerateOrOfNone(String name, String algorithm, AlgorithmParameterSpec spec,
            Optional<KeyType> expected) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
        generator.initialize(spec);

        assertThat(KeyType.of(generator.generateKeyPair().getPublic())).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("existing")
    void aNewCaLikeAnExistingOneHasItsTrustDomainKeyTypeAndShape(String name, CaSettings settings) {
        CaMaterial existing = GENERATOR.generate(settings);

        CaMaterial replacement = GENERATOR.generate(CaSettings.like(existing));

        assertThat(CaSettings.like(existing)).isEqualTo(settings);
        assertThat(replacement.trustDomain()).isEqualTo(existing.trustDomain());
        assertThat(KeyType.of(replacement.root().certificate().getPublicKey()))
                .contains(settings.rootKeyType());
        assertThat(replacement.intermediate().isPresent()).isEqualTo(existing.intermediate().isPresent());
        assertThat(replacement.root().fingerprint()).isNotEqualTo(existing.root().fingerprint());
    }
}
