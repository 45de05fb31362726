package io.gitmesh.ca;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** The SHA-256 fingerprint of a certificate's DER encoding: how roots are named in bundles, rotations and logs. */
public record Fingerprint(String sha256) implements Comparable<Fingerprint> {
    private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-f]{64}");

    public Fingerprint {
        if (sha256 == null || !HEX_SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("a SHA-256 fingerprint is 64 lowercase hex digits, not " + sha256);
        }
    }

    public static Fingerprint of(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return new Fingerprint(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint a certificate: " + e.getMessage(), e);
        }
    }

    /** The first 12 hex digits, enough to tell roots apart in messages. */
    public String shortForm() {
        return sha256.substring(0, 12);
    }

    @Override
    public int compareTo(Fingerprint o) {
        return sha256.compareTo(o.sha256);
    }

    @Override
    public String toString() {
        return "sha256:" + sha256;
    }
}
