package io.gitmesh.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitmesh.ca.IssuedCertificate;
import io.gitmesh.ca.LeafRequest;
import io.gitmesh.ca.Pem;
import io.gitmesh.ca.Svid;
import io.gitmesh.ca.bc.BouncyCastleCertificateAuthority;
import io.gitmesh.ca.bc.CaMaterialGenerator;
import io.gitmesh.ca.bc.CaSettings;
import io.gitmesh.model.Identity;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code gitmesh ca init | issue | inspect}, run as a user would, the files judged by the JDK. */
class CaCommandTest {
    @TempDir
    Path temp;

    @Test
    void initCreatesACaOnceAndNeverReplacesIt() throws Exception {
        Path ca = temp.resolve("ca");

        CliRun first = CliRun.of("ca", "init", "--dir", ca.toString(), "--trust-domain", "mesh.example");
        String rootBefore = Files.readString(ca.resolve("root.pem"));
        CliRun second = CliRun.of("ca", "init", "--dir", ca.toString());

        assertThat(first.exitCode()).isZero();
        assertThat(first.out()).startsWith("created a CA in " + ca + " for trust domain mesh.example\n")
                .contains("root fingerprint: sha256:", "the root signs the leaves (no intermediate)");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(ca.resolve("root-key.pem"))))
                .isEqualTo("rw-------");
        assertThat(second.exitCode()).isEqualTo(2);
        assertThat(second.err()).isEqualTo("gitmesh: " + ca + " already holds a CA; gitmesh ca init never replaces one:"
                + " use another directory, or remove this one to start over\n");
        assertThat(Files.readString(ca.resolve("root.pem"))).isEqualTo(rootBefore);
    }

    @Test
    void anRsaRootGetsAnIntermediate() {
        CliRun run = CliRun.of("ca", "init", "--dir", temp.toString(), "--key-type", "rsa-2048");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("(RSA)", "intermediate: ", "(EC)");
        assertThat(temp.resolve("intermediate-key.pem")).exists();
    }

    static Stream<Arguments> usageErrors() {
        return Stream.of(
                Arguments.of("unknown key type", List.of("ca", "init", "--dir", "DIR", "--key-type", "dsa"),
                        "\"dsa\" is not a key type: use ec-p256, rsa-2048 or rsa-3072"),
                Arguments.of("bad trust domain", List.of("ca", "init", "--dir", "DIR", "--trust-domain", "Mesh!"),
                        "not a SPIFFE trust domain: \"Mesh!\""),
                Arguments.of("workload without a namespace", List.of("ca", "issue", "--ca", "DIR", "--workload",
                        "bookstore", "--out", "DIR"), "write an identity as NS/SA (namespace/ServiceAccount), not \"bookstore\""),
                Arguments.of("lifetime in years", List.of("ca", "issue", "--ca", "DIR", "--workload", "a/b",
                        "--lifetime", "1y", "--out", "DIR"), "\"1y\" is not a lifetime: write it like 24h"),
                Arguments.of("no CA yet", List.of("ca", "issue", "--ca", "DIR", "--workload", "a/b", "--out", "DIR"),
                        "no CA in DIR: create one with gitmesh ca init --dir DIR"),
                Arguments.of("no such file to inspect", List.of("ca", "inspect", "DIR/none.pem"),
                        "no such file: DIR/none.pem"),
                Arguments.of("no subcommand", List.of("ca"), "a subcommand is required: init, issue, inspect or rotate-root"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("usageErrors")
    void usageErrorsExitWithTwoAndSayWhatToDo(String name, List<String> args, String message) {
        CliRun run = CliRun.of(args.stream().map(arg -> arg.replace("DIR", temp.toString())).toArray(String[]::new));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(message.replace("DIR", temp.toString()));
    }

    @Test
    void aWorkloadNameThatCannotBeInASpiffeIdIsRefused() {
        CliRun.of("ca", "init", "--dir", temp.toString());

        CliRun run = CliRun.of("ca", "issue", "--ca", temp.toString(), "--workload", "book store/bookstore",
                "--out", temp.resolve("out").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("gitmesh: not a SPIFFE path segment (namespace): \"book store\"");
        assertThat(temp.resolve("out")).doesNotExist();
    }

    @Test
    void issueWritesTheFilesThatGrpcFileWatcherReads() throws Exception {
        Path ca = temp.resolve("ca");
        Path out = temp.resolve("bookstore");
        CliRun.of("ca", "init", "--dir", ca.toString(), "--intermediate");

        CliRun run = CliRun.of("ca", "issue", "--ca", ca.toString(), "--workload", "bookstore/bookstore-v1",
                "--lifetime", "1h30m", "--dns", "bookstore.bookstore.svc.cluster.local", "--out", out.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("issued spiffe://cluster.local/ns/bookstore/sa/bookstore-v1 valid until ");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("key.pem"))))
                .isEqualTo("rw-------");
        assertThat(Files.readString(out.resolve("key.pem"))).startsWith("-----BEGIN PRIVATE KEY-----\n");

        List<X509Certificate> presented = certificates(out.resolve("cert.pem"));
        List<X509Certificate> roots = certificates(out.resolve("ca.pem"));
        assertThat(presented).as("leaf and intermediate").hasSize(2);
        assertThat(roots).hasSize(1);
        X509Certificate leaf = presented.getFirst();
        assertThat(Svid.uris(leaf)).containsExactly("spiffe://cluster.local/ns/bookstore/sa/bookstore-v1");
        assertThat(Svid.dnsNames(leaf)).containsExactly("bookstore.bookstore.svc.cluster.local");
        assertThat(Duration.between(Instant.now(), leaf.getNotAfter().toInstant()))
                .isBetween(Duration.ofMinutes(85), Duration.ofMinutes(90));
        Set<TrustAnchor> anchors = roots.stream().map(root -> new TrustAnchor(root, null)).collect(Collectors.toSet());
        PKIXParameters parameters = new PKIXParameters(anchors);
        parameters.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(presented), parameters);
    }

    @Test
    void inspectShowsIdentityChainAndTimeLeft() throws Exception {
        Path ca = temp.resolve("ca");
        Path out = temp.resolve("out");
        CliRun.of("ca", "init", "--dir", ca.toString(), "--intermediate");
        CliRun.of("ca", "issue", "--ca", ca.toString(), "--workload", "bookbuyer/bookbuyer", "--out", out.toString());

        CliRun leaf = CliRun.of("ca", "inspect", out.resolve("cert.pem").toString());
        CliRun root = CliRun.of("ca", "inspect", ca.resolve("root.pem").toString());

        assertThat(leaf.exitCode()).isZero();
        assertThat(leaf.out())
                .contains("  identity:    spiffe://cluster.local/ns/bookbuyer/sa/bookbuyer\n")
                .contains("  DNS SANs:    none\n")
                .contains("  subject:     (empty)\n")
                .contains("  key:         EC 256 bits, signed with SHA256withECDSA\n")
                .containsPattern("valid until: \\S+ \\(2[34]h \\d+m left\\)")
                .containsPattern("  chain:\n    CN=gitmesh intermediate CA [0-9a-f]+,OU=cluster.local,O=gitmesh, valid until ");
        assertThat(root.exitCode()).isZero();
        assertThat(root.out()).contains("  identity:    CA of trust domain cluster.local\n");
    }

    @Test
    void inspectExitsWithOneForAnExpiredCertificate() throws Exception {
        Clock lastYear = Clock.fixed(Instant.now().minus(Duration.ofDays(365)), ZoneOffset.UTC);
        SecureRandom random = new SecureRandom();
        IssuedCertificate old = BouncyCastleCertificateAuthority.of(
                new CaMaterialGenerator(lastYear, random).generate(CaSettings.of("cluster.local")), lastYear, random)
                .issueWithNewKey(LeafRequest.of(new Identity("bookstore", "bookstore")));
        Path file = temp.resolve("old.pem");
        Files.writeString(file, old.certificateChainPem());

        CliRun run = CliRun.of("ca", "inspect", file.toString());

        assertThat(run.exitCode()).isOne();
        assertThat(run.out()).containsPattern("valid until: \\S+ \\(EXPIRED 36[34]d \\d+h ago\\)");
    }

    static Stream<Arguments> durations() {
        return Stream.of(
                Arguments.of("days and hours", Duration.ofDays(3).plusHours(4).plusMinutes(5), "3d 4h"),
                Arguments.of("hours and minutes", Duration.ofHours(23).plusMinutes(59).plusSeconds(30), "23h 59m"),
                Arguments.of("a zero in the middle is kept", Duration.ofDays(2).plusMinutes(7), "2d 0h"),
                Arguments.of("minutes only", Duration.ofMinutes(5), "5m"),
                Arguments.of("seconds", Duration.ofSeconds(42), "less than a minute"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("durations")
    void timeLeftIsWrittenForPeople(String name, Duration duration, String text) {
        assertThat(CaInspectCommand.approximately(duration)).isEqualTo(text);
    }

    private static List<X509Certificate> certificates(Path file) throws Exception {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        return Pem.decode(Pem.CERTIFICATE, Files.readString(file)).stream().map(der -> {
            try {
                return (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).toList();
    }
}
