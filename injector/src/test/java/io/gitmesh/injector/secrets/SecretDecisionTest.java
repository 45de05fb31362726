package io.gitmesh.injector.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitmesh.ca.Fingerprint;
import io.gitmesh.ca.Validity;
import io.gitmesh.injector.secrets.SecretDecision.Action;
import io.gitmesh.injector.secrets.SecretDecision.Foreign;
import io.gitmesh.injector.secrets.SecretDecision.Keep;
import io.gitmesh.injector.secrets.SecretDecision.Leave;
import io.gitmesh.injector.secrets.SecretDecision.PodFacts;
import io.gitmesh.injector.secrets.SecretDecision.Reason;
import io.gitmesh.injector.secrets.SecretDecision.Write;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What happens to a pod's bootstrap Secret, decided from values alone. */
class SecretDecisionTest {
    private static final Instant ISSUED = Instant.parse("2026-03-01T00:00:00Z");
    private static final Fingerprint ROOT = new Fingerprint("a".repeat(64));
    private static final Fingerprint OLD_ROOT = new Fingerprint("b".repeat(64));
    private static final StoredSecret.Certificate CERTIFICATE = new StoredSecret.Certificate(ROOT,
            new Validity(ISSUED, ISSUED.plus(Duration.ofHours(24))));
    private static final PodFacts POD = new PodFacts("uid-1", false, "{bootstrap}", "bundle", Set.of(ROOT));
    private static final StoredSecret CURRENT = new StoredSecret(true, Optional.of("uid-1"), Optional.of("{bootstrap}"),
            Optional.of("bundle"), Optional.of(CERTIFICATE));
    private static final Instant MIDDAY = ISSUED.plus(Duration.ofHours(6));
    private static final Optional<Instant> RENEW_AT = Optional.of(ISSUED.plus(Duration.ofHours(12)));

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("up to date", POD, Optional.of(CURRENT), MIDDAY, RENEW_AT, new Keep(CERTIFICATE)),
                Arguments.of("up to date, not tracked yet", POD, Optional.of(CURRENT), MIDDAY, Optional.empty(),
                        new Keep(CERTIFICATE)),
                Arguments.of("no Secret", POD, Optional.empty(), MIDDAY, Optional.empty(), new Write(Reason.MISSING)),
                Arguments.of("renewal due", POD, Optional.of(CURRENT), ISSUED.plus(Duration.ofHours(12)), RENEW_AT,
                        new Write(Reason.RENEWAL_DUE)),
                Arguments.of("expired", POD, Optional.of(CURRENT), ISSUED.plus(Duration.ofHours(25)), Optional.empty(),
                        new Write(Reason.EXPIRED)),
                Arguments.of("left by an earlier pod of that name", POD, Optional.of(new StoredSecret(true,
                        Optional.of("uid-0"), CURRENT.bootstrap(), CURRENT.trustBundle(), CURRENT.certificate())),
                        MIDDAY, RENEW_AT, new Write(Reason.OWNED_BY_ANOTHER_POD)),
                Arguments.of("no owner", POD, Optional.of(new StoredSecret(true, Optional.empty(), CURRENT.bootstrap(),
                        CURRENT.trustBundle(), CURRENT.certificate())), MIDDAY, RENEW_AT,
                        new Write(Reason.OWNED_BY_ANOTHER_POD)),
                Arguments.of("certificate unreadable", POD, Optional.of(new StoredSecret(true, CURRENT.ownerUid(),
                        CURRENT.bootstrap(), CURRENT.trustBundle(), Optional.empty())), MIDDAY, RENEW_AT,
                        new Write(Reason.UNREADABLE_CERTIFICATE)),
                Arguments.of("root dropped from the bundle", new PodFacts("uid-1", false, "{bootstrap}", "bundle",
                        Set.of(OLD_ROOT)), Optional.of(CURRENT), MIDDAY, RENEW_AT,
                        new Write(Reason.ROOT_NO_LONGER_TRUSTED)),
                Arguments.of("bundle gained a root", new PodFacts("uid-1", false, "{bootstrap}", "bundle+new",
                        Set.of(ROOT, OLD_ROOT)), Optional.of(CURRENT), MIDDAY, RENEW_AT,
                        new Write(Reason.TRUST_BUNDLE_CHANGED)),
                Arguments.of("bootstrap changed", new PodFacts("uid-1", false, "{other}", "bundle", Set.of(ROOT)),
                        Optional.of(CURRENT), MIDDAY, RENEW_AT, new Write(Reason.BOOTSTRAP_CHANGED)),
                Arguments.of("finished pod, even when due", new PodFacts("uid-1", true, "{bootstrap}", "bundle",
                        Set.of(ROOT)), Optional.of(CURRENT), ISSUED.plus(Duration.ofHours(30)), RENEW_AT, new Leave()),
                Arguments.of("finished pod without a Secret", new PodFacts("uid-1", true, "{bootstrap}", "bundle",
                        Set.of(ROOT)), Optional.empty(), MIDDAY, Optional.empty(), new Leave()),
                Arguments.of("someone else's Secret", POD, Optional.of(new StoredSecret(false, Optional.empty(),
                        Optional.empty(), Optional.empty(), Optional.empty())), MIDDAY, Optional.empty(), new Foreign()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decides(String name, PodFacts pod, Optional<StoredSecret> stored, Instant now, Optional<Instant> renewAt,
            Action expected) {
        assertThat(SecretDecision.forLivePod(pod, stored, now, renewAt)).isEqualTo(expected);
    }

    @Test
    void aGonePodsSecretIsDeletedOnlyWhileItStillBelongsToIt() {
        assertThat(SecretDecision.deleteWhenGone("uid-1", Optional.of(CURRENT))).isTrue();
        assertThat(SecretDecision.deleteWhenGone("uid-0", Optional.of(CURRENT))).isFalse();
        assertThat(SecretDecision.deleteWhenGone("uid-1", Optional.empty())).isFalse();
        assertThat(SecretDecision.deleteWhenGone("uid-1", Optional.of(new StoredSecret(false, Optional.of("uid-1"),
                Optional.empty(), Optional.empty(), Optional.empty())))).isFalse();
    }
}
