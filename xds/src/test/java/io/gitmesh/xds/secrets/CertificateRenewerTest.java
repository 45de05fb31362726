package io.gitmesh.xds.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gitmesh.ca.IssuedCertificate;
import io.gitmesh.ca.LeafRequest;
import io.gitmesh.ca.rotation.RenewalPolicy;
import io.gitmesh.model.Identity;
import io.gitmesh.xds.testing.TestCa;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The renewer's own timer, on the real clock. */
class CertificateRenewerTest {
    private static final Identity WEB = new Identity("shop", "web");

    @Test
    void theTimerRenewsADueCertificateOnItsOwnAndTellsTheOwner() {
        TestCa ca = TestCa.create();
        AtomicInteger renewals = new AtomicInteger();
        // a one-second certificate is due as soon as it is issued (the CA backdates notBefore by minutes)
        try (CertificateRenewer<Identity> renewer = new CertificateRenewer<>(ca.signing(),
                identity -> LeafRequest.of(identity).withLifetime(Duration.ofSeconds(1)), RenewalPolicy.DEFAULT,
                Clock.systemUTC(), new SplittableRandom(3), renewed -> renewals.incrementAndGet())) {
            IssuedCertificate first = renewer.retain(List.of(WEB)).get(WEB);

            await().atMost(Duration.ofSeconds(5)).until(() -> renewals.get() >= 2);

            assertThat(renewer.retain(List.of(WEB)).get(WEB).leaf().getSerialNumber())
                    .isNotEqualTo(first.leaf().getSerialNumber());
            assertThat(renewals.get()).as("at most one pass a second, not a loop").isLessThanOrEqualTo(5);
        }
    }
}
