package io.gitmesh.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitmesh.ca.CaMaterial;
import io.gitmesh.ca.Fingerprint;
import io.gitmesh.ca.bc.BouncyCastleCertificateAuthority;
import io.gitmesh.ca.bc.CaMaterialGenerator;
import io.gitmesh.ca.bc.CaSettings;
import io.gitmesh.ca.rotation.CaState;
import io.gitmesh.ca.rotation.ReplicaQuorum;
import io.gitmesh.ca.rotation.ReplicaReport;
import io.gitmesh.ca.rotation.RootRotation;
import io.gitmesh.ca.rotation.RootRotation.Stage;
import io.gitmesh.ca.rotation.RotationFacts;
import io.gitmesh.ca.store.FileCaStore;
import io.gitmesh.xds.secrets.SigningAuthority;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver against a real CA directory and participants that report what the test says: each check
 * applies the stage the store holds and moves it on one stage when, and only when, the facts allow.
 */
class RootRotationDriverTest {
    private static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final CaMaterialGenerator GENERATOR = new CaMaterialGenerator(Clock.systemUTC(), RANDOM);

    @TempDir
    Path temp;

    private final CaMaterial old = GENERATOR.generate(CaSettings.of("cluster.local"));
    private final CaMaterial replacement = GENERATOR.generate(CaSettings.of("cluster.local"));
    private final Participant participant = new Participant();
    private final SettableClock clock = new SettableClock(Instant.parse("2026-11-29T10:00:00Z"));
    private final Reports reports = new Reports();
    private RotationPeers peers = new RotationPeers.Alone();
    private FileCaStore store;

    @BeforeEach
    void createCa() {
        store = new FileCaStore(temp);
        store.createIfAbsent(old);
    }

    @Test
    void aRotationMovesOnOneStageAtATimeAndOnlyWhenItsFactsAllow() {
        RootRotationDriver driver = driver(CaState.settled(old));
        start();

        participant.withoutNewRoot = 1;
        driver.check();
        assertThat(stored()).isEqualTo(Stage.TRUSTING_NEW_ROOT);
        assertThat(participant.lastBundle()).containsExactly(root(old), root(replacement));
        assertThat(participant.lastSigningRoot()).isEqualTo(root(old));
        assertThat(driver.status().waiting()).hasValueSatisfying(reason -> assertThat(reason)
                .startsWith("1 proxies have not yet acknowledged a trust bundle with the new root"));

        participant.withoutNewRoot = 0;
        participant.liveOfOldRoot = 2;
        driver.check();
        assertThat(stored()).isEqualTo(Stage.ISSUING_FROM_NEW_ROOT);
        assertThat(participant.lastSigningRoot()).isEqualTo(root(replacement));
        driver.check();
        assertThat(stored()).as("two certificates of the old root live").isEqualTo(Stage.ISSUING_FROM_NEW_ROOT);
        assertThat(driver.status().waiting()).hasValueSatisfying(reason -> assertThat(reason)
                .startsWith("2 live certificates still chain to the old root"));

        participant.liveOfOldRoot = 0;
        driver.check();

        assertThat(store.load().orElseThrow().rotation()).isEqualTo(RootRotation.settled(root(replacement)));
        assertThat(participant.lastBundle()).containsExactly(root(replacement));
        assertThat(driver.status().rotation()).isEqualTo(RootRotation.settled(root(replacement)));
        assertThat(driver.status().waiting()).isEmpty();
        assertThat(participant.applied).hasSize(3);
    }

    @Test
    void aReplicaThatDoesNotMoveRotationsOnFollowsTheStageItReadsAndReportsItsFacts() {
        peers = replica("gitmesh-b", false);
        RootRotationDriver driver = driver(CaState.settled(old));
        CaState trusting = start();
        participant.withoutNewRoot = 2;

        driver.check();
        assertThat(stored()).isEqualTo(Stage.TRUSTING_NEW_ROOT);
        assertThat(participant.lastBundle()).containsExactly(root(old), root(replacement));
        assertThat(driver.status().movesOn()).isFalse();
        assertThat(driver.status().waiting()).hasValueSatisfying(reason -> assertThat(reason)
                .contains("the leader"));
        assertThat(reports.read()).containsExactly(new ReplicaReport("gitmesh-b", trusting.rotation(),
                new RotationFacts(2, 0), clock.instant()));

        CaState issuing = trusting.movedTo(new RootRotation(Stage.ISSUING_FROM_NEW_ROOT, root(old),
                Optional.of(root(replacement))));
        store.replace(trusting.rotation(), issuing);
        driver.check();

        assertThat(participant.lastSigningRoot()).isEqualTo(root(replacement));
        assertThat(stored()).isEqualTo(Stage.ISSUING_FROM_NEW_ROOT);

        store.replace(issuing.rotation(), issuing.movedTo(RootRotation.settled(root(replacement))));
        driver.check();
        assertThat(reports.read()).as("withdrawn once settled").isEmpty();
    }

    @Test
    void theLeaderHoldsAStageUntilEveryLiveReplicaAllowsIt() {
        peers = replica("gitmesh-a", true);
        RootRotationDriver driver = driver(CaState.settled(old));
        CaState trusting = start();

        driver.check();
        assertThat(driver.status().waiting()).hasValueSatisfying(reason -> assertThat(reason)
                .startsWith("every replica has until 2026-11-29T10:00:03Z to report on this stage"));
        reports.publish(new ReplicaReport("gitmesh-b", trusting.rotation(), new RotationFacts(1, 0), clock.instant()));
        clock.advance(INTERVAL.multipliedBy(3));
        driver.check();
        assertThat(stored()).isEqualTo(Stage.TRUSTING_NEW_ROOT);
        assertThat(driver.status().waiting()).hasValueSatisfying(reason -> assertThat(reason)
                .startsWith("replica gitmesh-b: 1 proxies have not yet acknowledged"));

        reports.publish(new ReplicaReport("gitmesh-b", trusting.rotation(), new RotationFacts(0, 0), clock.instant()));
        driver.check();
        assertThat(stored()).isEqualTo(Stage.ISSUING_FROM_NEW_ROOT);
        assertThat(reports.read()).extracting(ReplicaReport::replica).containsExactly("gitmesh-a", "gitmesh-b");

        clock.advance(INTERVAL.multipliedBy(3));
        reports.publish(new ReplicaReport("gitmesh-b", trusting.rotation(), new RotationFacts(0, 0), clock.instant()));
        driver.check();
        assertThat(driver.status().waiting()).as("stage 2 is held from the check that first read it")
                .hasValueSatisfying(reason -> assertThat(reason).startsWith("every replica has until"
                        + " 2026-11-29T10:00:09Z"));
        clock.advance(INTERVAL.multipliedBy(3));
        driver.check();
        assertThat(stored()).as("gitmesh-b has reported only stage 1, and is still live")
                .isEqualTo(Stage.ISSUING_FROM_NEW_ROOT);
        assertThat(driver.status().waiting()).hasValueSatisfying(reason -> assertThat(reason)
                .startsWith("replica gitmesh-b has not applied this stage yet"));

        clock.advance(Duration.ofMillis(1));
        driver.check();
        assertThat(store.load().orElseThrow().rotation()).as("gitmesh-b's report went stale: it is taken for stopped")
                .isEqualTo(RootRotation.settled(root(replacement)));
    }

    @Test
    void aStageAParticipantFailedToApplyIsAppliedAgainBeforeTheRotationMovesOn() {
        RootRotationDriver driver = driver(CaState.settled(old));
        start();
        participant.failures = 1;

        driver.check();
        assertThat(stored()).isEqualTo(Stage.TRUSTING_NEW_ROOT);
        assertThat(driver.status().rotation().stage()).isEqualTo(Stage.SETTLED);
        assertThat(driver.status().waiting()).hasValueSatisfying(reason -> assertThat(reason)
                .startsWith("applying stage 1 of 3"));

        driver.check();
        assertThat(participant.applied).as("stage 1, then stage 2").hasSize(2);
        assertThat(stored()).isEqualTo(Stage.ISSUING_FROM_NEW_ROOT);
    }

    @Test
    void aDriverStartedOnAStoreMidRotationResumesItsStage() {
        CaState trusting = start();
        CaState issuing = trusting.movedTo(new RootRotation(Stage.ISSUING_FROM_NEW_ROOT, root(old),
                Optional.of(root(replacement))));
        store.replace(trusting.rotation(), issuing);

        RootRotationDriver restarted = driver(store.load().orElseThrow());
        assertThat(restarted.status().rotation()).isEqualTo(issuing.rotation());
        restarted.check();

        assertThat(store.load().orElseThrow().rotation()).isEqualTo(RootRotation.settled(root(replacement)));
        assertThat(participant.applied).as("built with stage 2, they are given only the settled root")
                .hasSize(1);
        assertThat(participant.lastBundle()).containsExactly(root(replacement));
    }

    /** Starts a rotation the way {@code gitmesh ca rotate-root} does. */
    private CaState start() {
        CaState trusting = CaState.settled(old).begin(replacement);
        assertThat(store.replace(RootRotation.settled(root(old)), trusting)).isTrue();
        return trusting;
    }

    private RootRotationDriver driver(CaState applied) {
        return new RootRotationDriver(store, applied, RootRotationDriverTest::authorityOf, () -> List.of(participant),
                peers, Duration.ofHours(1));
    }

    private RotationPeers replica(String name, boolean leading) {
        return new RotationPeers.Replicas(name, () -> leading, reports, new ReplicaQuorum(INTERVAL.multipliedBy(3)),
                clock);
    }

    private Stage stored() {
        return store.load().orElseThrow().stage();
    }

    private static SigningAuthority authorityOf(CaState state) {
        BouncyCastleCertificateAuthority ca = BouncyCastleCertificateAuthority.of(state.signer(), Clock.systemUTC(),
                RANDOM).withTrustBundle(state.trustBundle());
        return new SigningAuthority(ca, ca.root());
    }

    private static Fingerprint root(CaMaterial material) {
        return material.root().fingerprint();
    }

    /** The replicas' reports, kept in memory as long as a rotation is in progress (like the CA Secret's). */
    private final class Reports implements RotationReports {
        private final Map<String, ReplicaReport> byReplica = new TreeMap<>();

        @Override
        public void publish(ReplicaReport report) {
            if (stored() != Stage.SETTLED) {
                byReplica.put(report.replica(), report);
            }
        }

        @Override
        public void withdraw(String replica) {
            byReplica.remove(replica);
        }

        @Override
        public List<ReplicaReport> read() {
            return List.copyOf(byReplica.values());
        }
    }

    /** Records each authority it is given; reports the counts the test sets; fails the first {@code failures} times. */
    private static final class Participant implements RotationParticipant {
        final List<SigningAuthority> applied = new ArrayList<>();
        int withoutNewRoot;
        int liveOfOldRoot;
        int failures;

        @Override
        public void use(SigningAuthority authority) {
            if (failures > 0) {
                failures--;
                throw new IllegalStateException("the API server is away");
            }
            applied.add(authority);
        }

        @Override
        public int peersWithout(Fingerprint root) {
            return withoutNewRoot;
        }

        @Override
        public int liveCertificatesOf(Fingerprint root) {
            return liveOfOldRoot;
        }

        List<Fingerprint> lastBundle() {
            return applied.getLast().authority().trustBundle().fingerprints();
        }

        Fingerprint lastSigningRoot() {
            return applied.getLast().signingRoot();
        }
    }
}
