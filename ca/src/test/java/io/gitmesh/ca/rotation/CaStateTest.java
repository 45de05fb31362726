package io.gitmesh.ca.rotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitmesh.ca.CaMaterial;
import io.gitmesh.ca.Fingerprint;
import io.gitmesh.ca.MutableClock;
import io.gitmesh.ca.bc.CaMaterialGenerator;
import io.gitmesh.ca.bc.CaSettings;
import io.gitmesh.ca.rotation.RootRotation.Stage;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A store's state through a rotation: which CA signs and which roots the bundles hold in each stage. */
class CaStateTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final CaMaterialGenerator GENERATOR = new CaMaterialGenerator(
            new MutableClock(Instant.parse("2026-03-01T00:00:00Z")), RANDOM);
    private static final CaMaterial OLD = GENERATOR.generate(CaSettings.of("cluster.local"));
    private static final CaMaterial NEW = GENERATOR.generate(CaSettings.of("cluster.local"));

    static Stream<Arguments> stages() {
        CaState settled = CaState.settled(OLD);
        CaState trusting = settled.begin(NEW);
        CaState issuing = trusting.movedTo(trusting.rotation().advance(new RotationFacts(0, 0)).rotation());
        CaState done = issuing.movedTo(issuing.rotation().advance(new RotationFacts(0, 0)).rotation());
        return Stream.of(
                Arguments.of("settled: the old root signs and is the bundle", settled, OLD, List.of(OLD)),
                Arguments.of("stage 1: the old root signs, both are trusted", trusting, OLD, List.of(OLD, NEW)),
                Arguments.of("stage 2: the new root signs, both are trusted", issuing, NEW, List.of(OLD, NEW)),
                Arguments.of("settled again: the new root alone", done, NEW, List.of(NEW)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stages")
    void eachStageSignsWithOneCaAndTrustsItsRoots(String name, CaState state, CaMaterial signer,
            List<CaMaterial> trusted) {
        assertThat(state.signer()).isSameAs(signer);
        assertThat(state.trustBundle().fingerprints()).isEqualTo(trusted.stream()
                .map(material -> material.root().fingerprint()).toList());
        assertThat(state.trustBundle().fingerprints()).isEqualTo(state.rotation().bundle());
        assertThat(state.rotation().signingRoot()).isEqualTo(signer.root().fingerprint());
    }

    @Test
    void aSecondRotationCannotBeginWhileOneIsInProgress() {
        CaState trusting = CaState.settled(OLD).begin(NEW);

        assertThatThrownBy(() -> trusting.begin(GENERATOR.generate(CaSettings.of("cluster.local"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("a root rotation is already in progress: stage 1 of 3");
    }

    @Test
    void aRotationKeepsTheTrustDomain() {
        CaMaterial elsewhere = GENERATOR.generate(CaSettings.of("mesh.example"));

        assertThatThrownBy(() -> CaState.settled(OLD).begin(elsewhere))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a rotation keeps the trust domain");
    }

    @Test
    void aStateMovesOnlyToAStageOfItsOwnRotation() {
        CaState trusting = CaState.settled(OLD).begin(NEW);
        Fingerprint stranger = new Fingerprint("c".repeat(64));

        assertThatThrownBy(() -> trusting.movedTo(new RootRotation(Stage.ISSUING_FROM_NEW_ROOT,
                OLD.root().fingerprint(), Optional.of(stranger))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a stage of this rotation");
        assertThatThrownBy(() -> trusting.movedTo(RootRotation.settled(OLD.root().fingerprint())))
                .as("a rotation ends on its new root").isInstanceOf(IllegalArgumentException.class);
    }
}
