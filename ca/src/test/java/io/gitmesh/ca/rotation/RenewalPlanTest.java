package io.gitmesh.ca.rotation;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitmesh.ca.CaMaterial;
import io.gitmesh.ca.Fingerprint;
import io.gitmesh.ca.IssuedCertificate;
import io.gitmesh.ca.LeafRequest;
import io.gitmesh.ca.MutableClock;
import io.gitmesh.ca.Validity;
import io.gitmesh.ca.bc.BouncyCastleCertificateAuthority;
import io.gitmesh.ca.bc.CaMaterialGenerator;
import io.gitmesh.ca.bc.CaSettings;
import io.gitmesh.model.Identity;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Certificates issued by the real CA, a clock moved by hand, and the plan saying what is due when. */
class RenewalPlanTest {
    private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");
    private static final SecureRandom RANDOM = new SecureRandom();

    private MutableClock clock;
    private BouncyCastleCertificateAuthority ca;
    private Fingerprint root;
    private final RenewalPlan<String> plan = new RenewalPlan<>(RenewalPolicy.DEFAULT);

    @BeforeEach
    void createCa() {
        clock = new MutableClock(START);
        CaMaterial material = new CaMaterialGenerator(clock, RANDOM).generate(CaSettings.of("cluster.local"));
        ca = BouncyCastleCertificateAuthority.of(material, clock, RANDOM);
        root = ca.root();
    }

    private void issue(String pod, double jitterSample) {
        IssuedCertificate issued = ca.issueWithNewKey(LeafRequest.of(new Identity("bookstore", pod)));
        plan.track(pod, Fingerprint.of(issued.root()), issued.validity(), jitterSample);
    }

    @Test
    void certificatesComeDueAroundHalfTheirLifeInRenewalOrder() {
        issue("pod-a", 0.5);
        clock.advance(Duration.ofHours(1));
        issue("pod-b", 0.0);

        // validity 24h05m from notBefore (5 min set back): pod-a at 50 %, pod-b at 40 %
        Instant podBDue = START.plus(Duration.ofHours(1)).minus(Duration.ofMinutes(5))
                .plus(Duration.ofMinutes(578));
        Instant podADue = START.minus(Duration.ofMinutes(5)).plus(Duration.ofMinutes(722)).plusSeconds(30);
        assertThat(plan.nextDue(clock.instant(), root)).contains(podBDue);

        clock.set(podBDue.minusSeconds(1));
        assertThat(plan.due(clock.instant(), root)).isEmpty();
        clock.set(podBDue);
        assertThat(plan.due(clock.instant(), root)).containsExactly("pod-b");
        clock.set(podADue);
        assertThat(plan.due(clock.instant(), root)).containsExactly("pod-b", "pod-a");
    }

    @Test
    void renewingReplacesTheEntryAndPushesTheNextRenewalOut() {
        issue("pod-a", 0.5);
        clock.advance(Duration.ofHours(13));
        assertThat(plan.due(clock.instant(), root)).containsExactly("pod-a");

        issue("pod-a", 0.5);

        assertThat(plan.due(clock.instant(), root)).isEmpty();
        assertThat(plan.size()).isOne();
        assertThat(plan.nextDue(clock.instant(), root)).get().isEqualTo(plan.entry("pod-a").orElseThrow().renewAt());
        assertThat(plan.entry("pod-a").orElseThrow().renewAt()).isAfter(clock.instant().plus(Duration.ofHours(11)));
    }

    @Test
    void aReleasedWorkloadIsNeverRenewed() {
        issue("pod-a", 0.5);
        plan.release("pod-a");
        clock.advance(Duration.ofDays(2));

        assertThat(plan.due(clock.instant(), root)).isEmpty();
        assertThat(plan.nextDue(clock.instant(), root)).isEmpty();
    }

    @Test
    void certificatesOfAnotherRootAreDueAtOnce() {
        issue("pod-a", 0.5);
        issue("pod-b", 0.5);
        Fingerprint newRoot = Fingerprint.of(BouncyCastleCertificateAuthority.of(
                new CaMaterialGenerator(clock, RANDOM).generate(CaSettings.of("cluster.local")), clock, RANDOM)
                .trustBundle().roots().getFirst());

        assertThat(plan.due(clock.instant(), newRoot)).containsExactly("pod-a", "pod-b");
        assertThat(plan.nextDue(clock.instant(), newRoot)).contains(clock.instant());
    }

    @Test
    void liveCertificatesOfARootCountOnlyUnexpiredOnes() {
        issue("pod-a", 0.5);
        clock.advance(Duration.ofHours(12));
        issue("pod-b", 0.5);
        Validity podB = plan.entry("pod-b").orElseThrow().validity();

        assertThat(plan.liveCertificatesOf(root, clock.instant())).isEqualTo(2);
        clock.advance(Duration.ofHours(13));
        assertThat(plan.liveCertificatesOf(root, clock.instant())).as("pod-a expired").isOne();
        clock.set(podB.notAfter().plusSeconds(1));
        assertThat(plan.liveCertificatesOf(root, clock.instant())).isZero();
    }
}
