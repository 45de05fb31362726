package io.gitmesh.ca.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitmesh.ca.Csrs;
import io.gitmesh.ca.IssuedCertificate;
import io.gitmesh.ca.LeafRequest;
import io.gitmesh.ca.Pem;
import io.gitmesh.ca.bc.BouncyCastleCertificateAuthority;
import io.gitmesh.ca.bc.CaMaterialGenerator;
import io.gitmesh.ca.bc.CaSettings;
import io.gitmesh.model.Identity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkloadFilesTest {
    private static final LeafRequest BOOKSTORE = LeafRequest.of(new Identity("bookstore", "bookstore"));
    private final SecureRandom random = new SecureRandom();
    private final BouncyCastleCertificateAuthority ca = BouncyCastleCertificateAuthority.of(
            new CaMaterialGenerator(Clock.systemUTC(), random).generate(CaSettings.of("cluster.local")
                    .withIntermediate(true)), Clock.systemUTC(), random);

    @TempDir
    Path temp;

    @Test
    void writesCertificateChainKeyAndBundle() throws Exception {
        Path dir = temp.resolve("bookstore");
        IssuedCertificate issued = ca.issueWithNewKey(BOOKSTORE);

        WorkloadFiles.write(dir, issued, ca.trustBundle());

        assertThat(Files.readString(dir.resolve("cert.pem"))).isEqualTo(issued.certificateChainPem());
        assertThat(Pem.decode(Pem.CERTIFICATE, Files.readString(dir.resolve("cert.pem")))).hasSize(2);
        assertThat(Files.readString(dir.resolve("key.pem"))).isEqualTo(issued.privateKeyPem().orElseThrow());
        assertThat(Files.readString(dir.resolve("ca.pem"))).isEqualTo(ca.trustBundle().pem());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("key.pem"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("cert.pem"))))
                .isEqualTo("rw-r--r--");
    }

    @Test
    void renewalReplacesTheFilesAndLeavesNothingElseBehind() throws Exception {
        WorkloadFiles.write(temp, ca.issueWithNewKey(BOOKSTORE), ca.trustBundle());
        IssuedCertificate renewed = ca.issueWithNewKey(BOOKSTORE);

        WorkloadFiles.write(temp, renewed, ca.trustBundle());

        assertThat(Files.readString(temp.resolve("key.pem"))).isEqualTo(renewed.privateKeyPem().orElseThrow());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(temp.resolve("key.pem"))))
                .isEqualTo("rw-------");
        try (var files = Files.list(temp)) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .containsExactlyInAnyOrder("cert.pem", "key.pem", "ca.pem");
        }
    }

    @Test
    void aCertificateWhoseKeyTheWorkloadHoldsCannotBeWritten() {
        IssuedCertificate fromCsr = ca.issue(BOOKSTORE, Csrs.of(Csrs.ecKeys("secp256r1")));

        assertThatThrownBy(() -> WorkloadFiles.write(temp, fromCsr, ca.trustBundle()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the workload holds this certificate's key");
    }
}
