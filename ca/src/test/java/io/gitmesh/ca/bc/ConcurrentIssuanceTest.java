package io.gitmesh.ca.bc;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitmesh.ca.Csrs;
import io.gitmesh.ca.IssuedCertificate;
import io.gitmesh.ca.LeafRequest;
import io.gitmesh.ca.Pkix;
import io.gitmesh.model.Identity;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** One authority shared by many threads: every certificate comes out whole, valid and unique. */
class ConcurrentIssuanceTest {
    @Test
    void manyThreadsIssueFromOneAuthority() throws Exception {
        SecureRandom random = new SecureRandom();
        BouncyCastleCertificateAuthority ca = BouncyCastleCertificateAuthority.of(
                new CaMaterialGenerator(Clock.systemUTC(), random).generate(CaSettings.of("cluster.local")),
                Clock.systemUTC(), random);
        List<Future<IssuedCertificate>> futures = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(4)) {
            for (int i = 0; i < 200; i++) {
                LeafRequest request = LeafRequest.of(new Identity("ns", "sa-" + i));
                futures.add(i % 2 == 0 ? threads.submit(() -> ca.issue(request, Csrs.of(Csrs.ecKeys("secp256r1"))))
                        : threads.submit(() -> ca.issueWithNewKey(request)));
            }
        }
        List<IssuedCertificate> issued = new ArrayList<>();
        for (Future<IssuedCertificate> future : futures) {
            issued.add(future.get());
        }

        assertThat(issued).allSatisfy(certificate -> assertThat(
                Pkix.isValid(certificate, ca.trustBundle(), certificate.validity().notBefore())).isTrue());
        assertThat(issued.stream().map(certificate -> certificate.spiffeId().serviceAccount()))
                .containsExactlyElementsOf(IntStream.range(0, 200).mapToObj(i -> "sa-" + i).toList());
        assertThat(issued.stream().map(certificate -> certificate.leaf().getSerialNumber())).doesNotHaveDuplicates();
    }
}
