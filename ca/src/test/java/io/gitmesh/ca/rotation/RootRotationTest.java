package io.gitmesh.ca.rotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitmesh.ca.CaMaterial;
import io.gitmesh.ca.Fingerprint;
import io.gitmesh.ca.IssuedCertificate;
import io.gitmesh.ca.LeafRequest;
import io.gitmesh.ca.MutableClock;
import io.gitmesh.ca.Pkix;
import io.gitmesh.ca.TrustBundle;
import io.gitmesh.ca.bc.BouncyCastleCertificateAuthority;
import io.gitmesh.ca.bc.CaMaterialGenerator;
import io.gitmesh.ca.bc.CaSettings;
import io.gitmesh.ca.rotation.RootRotation.Advanced;
import io.gitmesh.ca.rotation.RootRotation.Stage;
import io.gitmesh.ca.rotation.RootRotation.Waiting;
import io.gitmesh.model.Identity;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RootRotationTest {
    private static final Fingerprint OLD = new Fingerprint("a".repeat(64));
    private static final Fingerprint NEW = new Fingerprint("b".repeat(64));
    private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");
    private static final SecureRandom RANDOM = new SecureRandom();

    static Stream<Arguments> rules() {
        RootRotation settled = RootRotation.settled(OLD);
        RootRotation trusting = settled.begin(NEW);
        RootRotation issuing = new RootRotation(Stage.ISSUING_FROM_NEW_ROOT, OLD, Optional.of(NEW));
        return Stream.of(
                Arguments.of("settled: nothing to advance", settled, new RotationFacts(0, 0), Stage.SETTLED,
                        "no root rotation is in progress"),
                Arguments.of("stage 1 waits for proxies that lack the new root", trusting, new RotationFacts(3, 0),
                        Stage.TRUSTING_NEW_ROOT, "3 proxies have not yet acknowledged a trust bundle with the new root"
                                + " bbbbbbbbbbbb"),
                Arguments.of("stage 1 ignores old certificates", trusting, new RotationFacts(0, 7),
                        Stage.ISSUING_FROM_NEW_ROOT, null),
                Arguments.of("stage 2 waits for live certificates of the old root", issuing, new RotationFacts(0, 2),
                        Stage.ISSUING_FROM_NEW_ROOT, "2 live certificates still chain to the old root aaaaaaaaaaaa"),
                Arguments.of("stage 2 ends when none is left", issuing, new RotationFacts(5, 0), Stage.SETTLED, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void aStageIsLeftOnlyWhenItsFactHolds(String name, RootRotation from, RotationFacts facts, Stage expected,
            String reason) {
        RootRotation.Step step = from.advance(facts);

        assertThat(step.rotation().stage()).isEqualTo(expected);
        switch (step) {
            case Advanced advanced -> assertThat(reason).as("advanced although a reason to wait was expected").isNull();
            case Waiting waiting -> assertThat(waiting.reason()).startsWith(reason);
        }
    }

    @Test
    void eachStageSaysWhoSignsAndWhatBundlesHold() {
        RootRotation settled = RootRotation.settled(OLD);
        RootRotation trusting = settled.begin(NEW);
        RootRotation issuing = trusting.advance(new RotationFacts(0, 0)).rotation();
        RootRotation done = issuing.advance(new RotationFacts(0, 0)).rotation();

        assertThat(List.of(settled.signingRoot(), trusting.signingRoot(), issuing.signingRoot(), done.signingRoot()))
                .containsExactly(OLD, OLD, NEW, NEW);
        assertThat(List.of(settled.bundle(), trusting.bundle(), issuing.bundle(), done.bundle()))
                .containsExactly(List.of(OLD), List.of(OLD, NEW), List.of(OLD, NEW), List.of(NEW));
        assertThat(trusting.describe()).isEqualTo("stage 1 of 3: bundles trust the new root bbbbbbbbbbbb; the old root"
                + " aaaaaaaaaaaa still signs");
        assertThat(issuing.describe()).startsWith("stage 2 of 3: the new root bbbbbbbbbbbb signs");
        assertThat(done).isEqualTo(RootRotation.settled(NEW));
    }

    @Test
    void oneRotationAtATime() {
        RootRotation trusting = RootRotation.settled(OLD).begin(NEW);

        assertThatThrownBy(() -> trusting.begin(new Fingerprint("c".repeat(64))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already in progress: stage 1 of 3");
        assertThatThrownBy(() -> RootRotation.settled(OLD).begin(OLD)).isInstanceOf(IllegalArgumentException.class);
    }

    /** The whole rotation with real certificates: at every stage, every live certificate verifies with the bundle. */
    @Test
    void rotatingTheRootNeverLeavesALiveCertificateUnverifiable() {
        MutableClock clock = new MutableClock(START);
        CaMaterialGenerator generator = new CaMaterialGenerator(clock, RANDOM);
        CaMaterial oldMaterial = generator.generate(CaSettings.of("cluster.local"));
        BouncyCastleCertificateAuthority oldCa = BouncyCastleCertificateAuthority.of(oldMaterial, clock, RANDOM);
        RenewalPlan<String> plan = new RenewalPlan<>(RenewalPolicy.DEFAULT);
        IssuedCertificate podA = track(plan, "pod-a", oldCa);
        IssuedCertificate podB = track(plan, "pod-b", oldCa);
        RootRotation rotation = RootRotation.settled(oldCa.root());

        clock.advance(Duration.ofHours(1));
        CaMaterial newMaterial = generator.generate(CaSettings.of("cluster.local"));
        rotation = rotation.begin(Fingerprint.of(newMaterial.root().certificate()));
        TrustBundle both = oldCa.trustBundle().with(newMaterial.root().certificate());
        assertThat(both.fingerprints()).isEqualTo(rotation.bundle());
        assertThat(Pkix.isValid(podA, both, clock.instant())).isTrue();

        assertThat(rotation.advance(new RotationFacts(1, 2))).isInstanceOf(Waiting.class);
        rotation = rotation.advance(new RotationFacts(0, 2)).rotation();
        assertThat(rotation.stage()).isEqualTo(Stage.ISSUING_FROM_NEW_ROOT);
        BouncyCastleCertificateAuthority newCa = BouncyCastleCertificateAuthority.of(newMaterial, clock, RANDOM)
                .withTrustBundle(both);
        assertThat(newCa.root()).isEqualTo(rotation.signingRoot());

        assertThat(plan.due(clock.instant(), rotation.signingRoot())).containsExactly("pod-a", "pod-b");
        IssuedCertificate renewedA = track(plan, "pod-a", newCa);
        assertThat(Pkix.isValid(renewedA, both, clock.instant())).isTrue();
        assertThat(Pkix.isValid(podB, both, clock.instant())).isTrue();
        RotationFacts oneLeft = new RotationFacts(0, plan.liveCertificatesOf(rotation.oldRoot(), clock.instant()));
        assertThat(rotation.advance(oneLeft)).isInstanceOfSatisfying(Waiting.class,
                waiting -> assertThat(waiting.reason()).startsWith("1 live certificates"));

        track(plan, "pod-b", newCa);
        rotation = rotation.advance(new RotationFacts(0, plan.liveCertificatesOf(rotation.oldRoot(),
                clock.instant()))).rotation();

        assertThat(rotation).isEqualTo(RootRotation.settled(newCa.root()));
        TrustBundle settled = BouncyCastleCertificateAuthority.of(newMaterial, clock, RANDOM).trustBundle();
        assertThat(settled.fingerprints()).isEqualTo(rotation.bundle());
        assertThat(Pkix.isValid(renewedA, settled, clock.instant())).isTrue();
        assertThat(Pkix.isValid(podB, settled, clock.instant())).as("why stage 3 waits for the old leaves").isFalse();
        assertThat(plan.due(clock.instant(), rotation.signingRoot())).isEmpty();
    }

    @Test
    void theOldRootIsDroppedOnceItsLastCertificateHasExpired() {
        MutableClock clock = new MutableClock(START);
        BouncyCastleCertificateAuthority oldCa = BouncyCastleCertificateAuthority.of(
                new CaMaterialGenerator(clock, RANDOM).generate(CaSettings.of("cluster.local")), clock, RANDOM);
        RenewalPlan<String> plan = new RenewalPlan<>(RenewalPolicy.DEFAULT);
        IssuedCertificate forgotten = track(plan, "pod-a", oldCa);
        RootRotation issuing = new RootRotation(Stage.ISSUING_FROM_NEW_ROOT, oldCa.root(), Optional.of(NEW));

        clock.set(forgotten.validity().notAfter());
        assertThat(issuing.advance(new RotationFacts(0, plan.liveCertificatesOf(issuing.oldRoot(), clock.instant()))))
                .isInstanceOf(Waiting.class);
        clock.advance(Duration.ofSeconds(1));
        assertThat(issuing.advance(new RotationFacts(0, plan.liveCertificatesOf(issuing.oldRoot(), clock.instant()))))
                .isInstanceOf(Advanced.class);
    }

    private static IssuedCertificate track(RenewalPlan<String> plan, String pod, BouncyCastleCertificateAuthority ca) {
        IssuedCertificate issued = ca.issueWithNewKey(LeafRequest.of(new Identity("bookstore", pod)));
        plan.track(pod, Fingerprint.of(issued.root()), issued.validity(), 0.5);
        return issued;
    }
}
