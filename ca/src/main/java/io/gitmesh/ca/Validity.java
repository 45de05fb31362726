package io.gitmesh.ca;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** The validity period of a certificate: valid from {@code notBefore} up to and including {@code notAfter}. */
public record Validity(Instant notBefore, Instant notAfter) {
    public Validity {
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        if (!notAfter.isAfter(notBefore)) {
            throw new IllegalArgumentException("notAfter " + notAfter + " is not after notBefore " + notBefore);
        }
    }

    public static Validity of(X509Certificate certificate) {
        return new Validity(certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant());
    }

    public Duration length() {
        return Duration.between(notBefore, notAfter);
    }

    public boolean isValidAt(Instant instant) {
        return !instant.isBefore(notBefore) && !instant.isAfter(notAfter);
    }

    public boolean hasExpiredAt(Instant instant) {
        return instant.isAfter(notAfter);
    }

    /** Time left at {@code instant}; negative once expired. */
    public Duration remainingAt(Instant instant) {
        return Duration.between(instant, notAfter);
    }
}
