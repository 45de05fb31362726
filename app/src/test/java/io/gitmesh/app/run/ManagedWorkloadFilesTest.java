package io.gitmesh.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitmesh.ca.CaMaterial;
import io.gitmesh.ca.Fingerprint;
import io.gitmesh.ca.bc.BouncyCastleCertificateAuthority;
import io.gitmesh.ca.bc.CaMaterialGenerator;
import io.gitmesh.ca.bc.CaSettings;
import io.gitmesh.ca.rotation.CaState;
import io.gitmesh.ca.rotation.RootRotation;
import io.gitmesh.ca.rotation.RootRotation.Stage;
import io.gitmesh.ca.store.CertificateChains;
import io.gitmesh.model.Identity;
import io.gitmesh.xds.secrets.SigningAuthority;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workload files the control plane wrote, through a root rotation: rewritten when a stage changes what
 * they should hold, and counted as unchanged until their readers have had two refresh intervals to re-read them.
 */
class ManagedWorkloadFilesTest {
    private static final Duration REFRESH = Duration.ofSeconds(60);
    private static final Identity WEB = new Identity("shop", "web");
    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path temp;

    private final SettableClock clock = new SettableClock(Instant.now());
    private final CaMaterialGenerator generator = new CaMaterialGenerator(clock, RANDOM);
    private final CaMaterial old = generator.generate(CaSettings.of("cluster.local"));
    private final CaMaterial replacement = generator.generate(CaSettings.of("cluster.local"));
    private final CaState trusting = CaState.settled(old).begin(replacement);
    private final CaState issuing = trusting.movedTo(new RootRotation(Stage.ISSUING_FROM_NEW_ROOT,
            root(old), Optional.of(root(replacement))));

    @Test
    void eachStageRewritesTheFilesAndTheyCountAsBeforeUntilTheirReadersHaveReReadThem() throws IOException {
        ManagedWorkloadFiles files = new ManagedWorkloadFiles(authorityOf(CaState.settled(old)), REFRESH, clock);
        Path web = temp.resolve("web");
        files.write(WEB, Duration.ofHours(1), web);
        clock.advance(REFRESH.multipliedBy(2));
        assertThat(files.peersWithout(root(replacement))).isOne();
        assertThat(files.liveCertificatesOf(root(old))).isOne();

        files.use(authorityOf(trusting));
        assertThat(bundle(web)).containsExactly(root(old), root(replacement));
        assertThat(issuer(web)).isEqualTo(root(old));
        assertThat(files.peersWithout(root(replacement))).as("its readers may hold the old ca.pem").isOne();
        clock.advance(REFRESH.multipliedBy(2));
        assertThat(files.peersWithout(root(replacement))).isZero();

        files.use(authorityOf(issuing));
        assertThat(issuer(web)).isEqualTo(root(replacement));
        assertThat(files.liveCertificatesOf(root(old))).as("its readers may hold the old cert.pem").isOne();
        clock.advance(REFRESH.multipliedBy(2));
        assertThat(files.liveCertificatesOf(root(old))).isZero();
    }

    @Test
    void applyingTheSameStageAgainRewritesNothing() throws IOException {
        ManagedWorkloadFiles files = new ManagedWorkloadFiles(authorityOf(trusting), REFRESH, clock);
        Path web = temp.resolve("web");
        files.write(WEB, Duration.ofHours(1), web);
        String written = Files.readString(web.resolve("cert.pem"));

        files.use(authorityOf(trusting));

        assertThat(Files.readString(web.resolve("cert.pem"))).isEqualTo(written);
    }

    private SigningAuthority authorityOf(CaState state) {
        BouncyCastleCertificateAuthority ca = BouncyCastleCertificateAuthority.of(state.signer(), clock, RANDOM)
                .withTrustBundle(state.trustBundle());
        return new SigningAuthority(ca, ca.root());
    }

    private static List<Fingerprint> bundle(Path directory) throws IOException {
        return CertificateChains.parse(Files.readString(directory.resolve("ca.pem"))).stream()
                .map(Fingerprint::of).toList();
    }

    private static Fingerprint issuer(Path directory) throws IOException {
        X509Certificate leaf = CertificateChains.parse(Files.readString(directory.resolve("cert.pem"))).getFirst();
        return CertificateChains.issuerOf(leaf, CertificateChains.parse(Files.readString(directory.resolve("ca.pem"))))
                .map(Fingerprint::of).orElseThrow();
    }

    private static Fingerprint root(CaMaterial material) {
        return material.root().fingerprint();
    }
}
