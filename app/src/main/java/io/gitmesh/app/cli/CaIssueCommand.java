package io.gitmesh.app.cli;

import io.gitmesh.ca.IssuedCertificate;
import io.gitmesh.ca.LeafRequest;
import io.gitmesh.ca.bc.BouncyCastleCertificateAuthority;
import io.gitmesh.ca.rotation.CaState;
import io.gitmesh.ca.store.CaStoreException;
import io.gitmesh.ca.store.FileCaStore;
import io.gitmesh.ca.store.WorkloadFiles;
import io.gitmesh.model.Identity;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code gitmesh ca issue}: a workload certificate and key, as the files gRPC's file_watcher provider reads. */
@Command(name = "issue", mixinStandardHelpOptions = true,
        description = {"Issue a workload certificate with a new ECDSA P-256 key. Writes cert.pem (the certificate and"
                + " its intermediates), key.pem (PKCS#8, mode 0600) and ca.pem (the trust bundle) to the output"
                + " directory, replacing them atomically.",
            "Exit codes: 0 issued, 2 usage or I/O error."})
final class CaIssueCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--ca", required = true, paramLabel = "DIR", description = "CA directory (gitmesh ca init).")
    Path caDir;

    @Option(names = "--workload", required = true, paramLabel = "NS/SA", converter = IdentityConverter.class,
            description = "Namespace and ServiceAccount of the workload.")
    Identity workload;

    @Option(names = "--lifetime", paramLabel = "DURATION", defaultValue = "24h", converter = LifetimeConverter.class,
            description = "How long the certificate is valid, e.g. 24h, 90m, 7d, 1h30m (default: ${DEFAULT-VALUE}).")
    Duration lifetime;

    @Option(names = "--dns", paramLabel = "NAME", description = "A DNS name to add as a SAN (repeatable).")
    List<String> dnsNames = new ArrayList<>();

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory to write the files to.")
    Path outDir;

    @Override
    public Integer call() {
        IssuedCertificate issued;
        try {
            CaState state = new FileCaStore(caDir).load().orElseThrow(() -> new UserError(
                    "no CA in " + caDir + ": create one with gitmesh ca init --dir " + caDir));
            // during a root rotation: signed by the stage's signer, with every root of the stage
            BouncyCastleCertificateAuthority ca = BouncyCastleCertificateAuthority.of(state.signer(),
                    Clock.systemUTC(), new SecureRandom()).withTrustBundle(state.trustBundle());
            issued = ca.issueWithNewKey(request(ca.trustDomain()));
            WorkloadFiles.write(outDir, issued, ca.trustBundle());
        } catch (CaStoreException | IllegalStateException e) {
            throw new UserError(e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("issued " + issued.spiffeId() + " valid until " + issued.validity().notAfter() + " (serial "
                + issued.leaf().getSerialNumber().toString(16) + ")");
        out.println("  " + outDir.resolve(WorkloadFiles.CERTIFICATE) + ", " + outDir.resolve(WorkloadFiles.PRIVATE_KEY)
                + ", " + outDir.resolve(WorkloadFiles.TRUST_BUNDLE));
        out.flush();
        return 0;
    }

    private LeafRequest request(String trustDomain) {
        try {
            workload.spiffeId(trustDomain);
            return new LeafRequest(workload, lifetime, dnsNames);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }

    /** Durations as {@code 24h}, {@code 90m}, {@code 7d}, {@code 1h30m}: whole numbers of d, h, m and s. */
    static final class LifetimeConverter implements CommandLine.ITypeConverter<Duration> {
        private static final Pattern WHOLE = Pattern.compile("(\\d{1,9}[dhms])+");
        private static final Pattern PART = Pattern.compile("(\\d{1,9})([dhms])");

        @Override
        public Duration convert(String value) {
            if (!WHOLE.matcher(value).matches()) {
                throw new CommandLine.TypeConversionException("\"" + value + "\" is not a lifetime: write it like 24h,"
                        + " 90m, 7d or 1h30m");
            }
            Duration total = Duration.ZERO;
            Matcher part = PART.matcher(value);
            while (part.find()) {
                long amount = Long.parseLong(part.group(1));
                total = total.plus(switch (part.group(2)) {
                    case "d" -> Duration.ofDays(amount);
                    case "h" -> Duration.ofHours(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    default -> Duration.ofSeconds(amount);
                });
            }
            return total;
        }
    }
}
