package io.gitmesh.app.cli;

import io.gitmesh.ca.Fingerprint;
import io.gitmesh.ca.Pem;
import io.gitmesh.ca.Svid;
import io.gitmesh.ca.Validity;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code gitmesh ca inspect}: what a PEM certificate file says, for people. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Show the identity, SANs, issuer, validity and time left of the first certificate in a PEM"
                + " file, and the chain that follows it.",
            "Exit codes: 0 every certificate is within its validity, 1 one has expired, 2 usage or I/O error."})
final class CaInspectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "PEM file: a certificate, optionally followed by its chain.")
    Path file;

    @Override
    public Integer call() {
        List<X509Certificate> certificates = read(file);
        Instant now = Clock.systemUTC().instant();
        X509Certificate first = certificates.getFirst();
        PrintWriter out = spec.commandLine().getOut();
        out.println(file);
        out.println("  identity:    " + identity(first));
        out.println("  URI SANs:    " + listed(Svid.uris(first)));
        out.println("  DNS SANs:    " + listed(Svid.dnsNames(first)));
        out.println("  subject:     " + name(first.getSubjectX500Principal().getName()));
        out.println("  issuer:      " + name(first.getIssuerX500Principal().getName()));
        out.println("  serial:      " + first.getSerialNumber().toString(16));
        out.println("  key:         " + describe(first.getPublicKey()) + ", signed with " + first.getSigAlgName());
        out.println("  valid from:  " + first.getNotBefore().toInstant());
        out.println("  valid until: " + first.getNotAfter().toInstant() + " (" + timeLeft(Validity.of(first), now) + ")");
        out.println("  fingerprint: " + Fingerprint.of(first));
        if (certificates.size() > 1) {
            out.println("  chain:");
            for (X509Certificate certificate : certificates.subList(1, certificates.size())) {
                out.println("    " + name(certificate.getSubjectX500Principal().getName()) + ", valid until "
                        + certificate.getNotAfter().toInstant() + " (" + timeLeft(Validity.of(certificate), now) + ")");
            }
        }
        out.flush();
        return certificates.stream().anyMatch(c -> Validity.of(c).hasExpiredAt(now)) ? 1 : 0;
    }

    private static List<X509Certificate> read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UserError(Files.exists(file) ? "cannot read " + file + ": " + e.getMessage()
                    : "no such file: " + file);
        }
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (byte[] der : Pem.decode(Pem.CERTIFICATE, text)) {
                certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
            }
        } catch (CertificateException | IllegalArgumentException e) {
            throw new UserError(file + " holds a certificate that cannot be read: " + e.getMessage());
        }
        if (certificates.isEmpty()) {
            throw new UserError(file + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        return certificates;
    }

    private static String identity(X509Certificate certificate) {
        if (certificate.getBasicConstraints() >= 0) {
            return Svid.trustDomain(certificate).map(domain -> "CA of trust domain " + domain)
                    .orElse("CA without a SPIFFE trust domain");
        }
        return Svid.spiffeId(certificate).map(Object::toString)
                .orElse("none (an X.509-SVID has exactly one URI SAN, a spiffe:// workload ID)");
    }

    private static String describe(PublicKey key) {
        return switch (key) {
            case ECPublicKey ec -> "EC " + ec.getParams().getCurve().getField().getFieldSize() + " bits";
            case RSAPublicKey rsa -> "RSA " + rsa.getModulus().bitLength() + " bits";
            default -> key.getAlgorithm();
        };
    }

    private static String timeLeft(Validity validity, Instant now) {
        if (validity.hasExpiredAt(now)) {
            return "EXPIRED " + approximately(Duration.between(validity.notAfter(), now)) + " ago";
        }
        if (now.isBefore(validity.notBefore())) {
            return "not valid for another " + approximately(Duration.between(now, validity.notBefore()));
        }
        return approximately(validity.remainingAt(now)) + " left";
    }

    /** Days, hours and minutes, the largest two that are not zero: "3d 4h", "23h 59m", "5m", "less than a minute". */
    static String approximately(Duration duration) {
        long[] amounts = {duration.toDays(), duration.toHoursPart(), duration.toMinutesPart()};
        String[] units = {"d", "h", "m"};
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < amounts.length && parts.size() < 2; i++) {
            if (amounts[i] > 0 || !parts.isEmpty()) {
                parts.add(amounts[i] + units[i]);
            }
        }
        return parts.isEmpty() ? "less than a minute" : String.join(" ", parts);
    }

    private static String listed(List<String> values) {
        return values.isEmpty() ? "none" : String.join(", ", values);
    }

    private static String name(String distinguishedName) {
        return distinguishedName.isEmpty() ? "(empty)" : distinguishedName;
    }
}
