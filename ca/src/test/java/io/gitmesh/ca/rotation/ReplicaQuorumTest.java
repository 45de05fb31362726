package io.gitmesh.ca.rotation;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitmesh.ca.Fingerprint;
import io.gitmesh.ca.rotation.RootRotation.Stage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ReplicaQuorumTest {
    private static final Fingerprint OLD = new Fingerprint("a".repeat(64));
    private static final Fingerprint NEW = new Fingerprint("b".repeat(64));
    private static final Fingerprint EARLIER = new Fingerprint("c".repeat(64));
    private static final RootRotation TRUSTING = new RootRotation(Stage.TRUSTING_NEW_ROOT, OLD, Optional.of(NEW));
    private static final RootRotation ISSUING = new RootRotation(Stage.ISSUING_FROM_NEW_ROOT, OLD, Optional.of(NEW));
    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    private static final Duration ALLOWANCE = Duration.ofSeconds(30);
    private static final Instant STAGE_SEEN = NOW.minus(ALLOWANCE);
    private static final RotationFacts NONE = new RotationFacts(0, 0);

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("alone, facts allow", TRUSTING, NONE, List.of(), STAGE_SEEN, null),
                Arguments.of("alone, own proxies wait", TRUSTING, new RotationFacts(2, 0), List.of(), STAGE_SEEN,
                        "replica gitmesh-a: 2 proxies have not yet acknowledged a trust bundle with the new root bbbbbbbbbbbb"),
                Arguments.of("a fresh report whose facts allow", TRUSTING, NONE,
                        List.of(report("gitmesh-b", TRUSTING, NONE, NOW.minusSeconds(5))), STAGE_SEEN, null),
                Arguments.of("a fresh report whose proxies wait", TRUSTING, NONE,
                        List.of(report("gitmesh-b", TRUSTING, new RotationFacts(2, 0), NOW.minusSeconds(5))),
                        STAGE_SEEN, "replica gitmesh-b: 2 proxies have not yet acknowledged a trust bundle with the"
                                + " new root bbbbbbbbbbbb"),
                Arguments.of("a report just as old as the allowance is fresh", ISSUING, NONE,
                        List.of(report("gitmesh-b", ISSUING, new RotationFacts(0, 1), NOW.minus(ALLOWANCE))),
                        STAGE_SEEN, "replica gitmesh-b: 1 live certificates still chain to the old root aaaaaaaaaaaa"
                                + " (they are renewed from the new root as they come due, or expire)"),
                Arguments.of("a stale report is ignored", TRUSTING, NONE,
                        List.of(report("gitmesh-b", TRUSTING, new RotationFacts(2, 0),
                                NOW.minus(ALLOWANCE).minusMillis(1))), STAGE_SEEN, null),
                Arguments.of("a stale report of another stage is ignored", ISSUING, NONE,
                        List.of(report("gitmesh-b", TRUSTING, NONE, NOW.minusSeconds(60))), STAGE_SEEN, null),
                Arguments.of("a fresh report of the stage before waits", ISSUING, NONE,
                        List.of(report("gitmesh-b", TRUSTING, NONE, NOW.minusSeconds(5))), STAGE_SEEN,
                        "replica gitmesh-b has not applied this stage yet (it has " + TRUSTING.describe() + ")"),
                Arguments.of("a fresh report of an earlier rotation waits", TRUSTING, NONE,
                        List.of(report("gitmesh-b", new RootRotation(Stage.ISSUING_FROM_NEW_ROOT, EARLIER,
                                Optional.of(OLD)), NONE, NOW.minusSeconds(5))), STAGE_SEEN,
                        "replica gitmesh-b has not applied this stage yet (it has stage 2 of 3: the new root"
                                + " aaaaaaaaaaaa signs; bundles keep the old root cccccccccccc until nothing chains to it)"),
                Arguments.of("a fresh report of the same stage with another new root waits", TRUSTING, NONE,
                        List.of(report("gitmesh-b", new RootRotation(Stage.TRUSTING_NEW_ROOT, OLD,
                                Optional.of(EARLIER)), NONE, NOW.minusSeconds(5))), STAGE_SEEN,
                        "replica gitmesh-b has not applied this stage yet (it has stage 1 of 3: bundles trust the"
                                + " new root cccccccccccc; the old root aaaaaaaaaaaa still signs)"),
                Arguments.of("this replica's own stored report is replaced by the one made now", TRUSTING, NONE,
                        List.of(report("gitmesh-a", TRUSTING, new RotationFacts(3, 0), NOW.minusSeconds(5))),
                        STAGE_SEEN, null),
                Arguments.of("every waiting replica is named, in name order", TRUSTING, new RotationFacts(1, 0),
                        List.of(report("gitmesh-c", TRUSTING, new RotationFacts(3, 0), NOW),
                                report("gitmesh-b", ISSUING, NONE, NOW)), STAGE_SEEN,
                        "replica gitmesh-a: 1 proxies have not yet acknowledged a trust bundle with the new root"
                                + " bbbbbbbbbbbb; replica gitmesh-b has not applied this stage yet (it has "
                                + ISSUING.describe() + "); replica gitmesh-c: 3 proxies have not yet acknowledged a"
                                + " trust bundle with the new root bbbbbbbbbbbb"),
                Arguments.of("a stage seen less than the allowance ago is held", TRUSTING, NONE, List.of(),
                        NOW.minusSeconds(29), "every replica has until 2026-11-29T10:00:01Z to report on this stage"
                                + " (a replica that has reported nothing by then is taken for stopped)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theRotationMovesOnOnlyWhenEveryLiveReplicaAllows(String name, RootRotation stored, RotationFacts own,
            List<ReplicaReport> others, Instant stageSeen, String waiting) {
        RootRotation.Step step = new ReplicaQuorum(ALLOWANCE).advance(stored,
                report("gitmesh-a", stored, own, NOW), others, stageSeen);

        if (waiting == null) {
            assertThat(step).isEqualTo(stored.advance(NONE));
            assertThat(step).isInstanceOf(RootRotation.Advanced.class);
        } else {
            assertThat(step).isEqualTo(new RootRotation.Waiting(stored, waiting));
        }
    }

    private static ReplicaReport report(String replica, RootRotation applied, RotationFacts facts, Instant at) {
        return new ReplicaReport(replica, applied, facts, at);
    }
}
