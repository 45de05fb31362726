package io.gitmesh.ca.bc;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitmesh.ca.CaMaterial;
import io.gitmesh.ca.KeyType;
import io.gitmesh.ca.MutableClock;
import java.security.SecureRandom;
import java.time.Instant;
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
