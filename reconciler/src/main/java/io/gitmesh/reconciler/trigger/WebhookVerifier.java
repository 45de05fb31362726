package io.gitmesh.reconciler.trigger;

import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies push webhooks by HMAC-SHA256 of the request body with a shared secret. Two header forms
 * are accepted: GitHub's {@code X-Hub-Signature-256: sha256=<hex>} and a generic
 * {@code X-Gitmesh-Signature: sha256=<hex>} (GitLab, Gitea and scripts can send either). The
 * comparison takes constant time; the secret never leaves this object (not in {@link #toString}).
 */
public final class WebhookVerifier {
    public static final String GITHUB_HEADER = "x-hub-signature-256";
    public static final String GENERIC_HEADER = "x-gitmesh-signature";
    private static final String PREFIX = "sha256=";
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    public WebhookVerifier(byte[] secret) {
        Objects.requireNonNull(secret, "secret");
        if (secret.length < 16) {
            throw new IllegalArgumentException("the webhook secret must be at least 16 bytes");
        }
        this.key = new SecretKeySpec(secret.clone(), ALGORITHM);
    }

    /** The outcome of checking one request. */
    public enum Result {
        /** The signature matches the body. */
        VALID,
        /** No signature header: the sender is not authenticated (HTTP 401). */
        MISSING,
        /** A signature header that is not {@code sha256=<64 hex digits>} (HTTP 400). */
        MALFORMED,
        /** A well-formed signature that does not match the body (HTTP 401). */
        MISMATCH
    }

    /**
     * @param headers request headers, names in any case
     * @param body    the raw request body, exactly as received
     */
    public Result verify(Map<String, String> headers, byte[] body) {
        Optional<String> signature = header(headers, GITHUB_HEADER).or(() -> header(headers, GENERIC_HEADER));
        if (signature.isEmpty()) {
            return Result.MISSING;
        }
        String value = signature.get().trim();
        if (!value.toLowerCase(Locale.ROOT).startsWith(PREFIX) || value.length() != PREFIX.length() + 64) {
            return Result.MALFORMED;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(value.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            return Result.MALFORMED;
        }
        return MessageDigest.isEqual(given, sign(body)) ? Result.VALID : Result.MISMATCH;
    }

    /** The header value a sender would put on {@code body}: {@code sha256=<hex>}. */
    public String signatureOf(byte[] body) {
        return PREFIX + HexFormat.of().formatHex(sign(body));
    }

    private byte[] sign(byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JDK", e);
        }
    }

    private static Optional<String> header(Map<String, String> headers, String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                .findFirst();
    }

    @Override
    public String toString() {
        return "WebhookVerifier[HMAC-SHA256]";
    }

}
