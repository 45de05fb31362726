package io.gitmesh.ca;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** PEM text (RFC 7468): the form every tool here reads — Envoy, gRPC's file_watcher, openssl, Kubernetes Secrets. */
public final class Pem {
    public static final String CERTIFICATE = "CERTIFICATE";
    /** PKCS#8, unencrypted: what gRPC's file_watcher and Envoy read for any key type. */
    public static final String PRIVATE_KEY = "PRIVATE KEY";
    public static final String CERTIFICATE_REQUEST = "CERTIFICATE REQUEST";

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)-----END \\1-----");
    private static final Base64.Encoder ENCODER = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

    private Pem() {
    }

    /** One block of {@code label}, lines of 64 characters, ending with a newline. */
    public static String encode(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + ENCODER.encodeToString(der) + "\n-----END " + label + "-----\n";
    }

    public static String certificates(List<X509Certificate> certificates) {
        StringBuilder text = new StringBuilder();
        for (X509Certificate certificate : certificates) {
            try {
                text.append(encode(CERTIFICATE, certificate.getEncoded()));
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException("a parsed certificate cannot be encoded again", e);
            }
        }
        return text.toString();
    }

    /** The key as unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY}). */
    public static String privateKey(PrivateKey key) {
        if (!"PKCS#8".equals(key.getFormat())) {
            throw new IllegalArgumentException("a " + key.getAlgorithm() + " key in " + key.getFormat()
                    + " form cannot be written as PKCS#8");
        }
        return encode(PRIVATE_KEY, key.getEncoded());
    }

    /** The DER content of every block labelled {@code label}, in order; text outside blocks is ignored. */
    public static List<byte[]> decode(String label, String text) {
        List<byte[]> blocks = new ArrayList<>();
        Matcher block = BLOCK.matcher(text);
        while (block.find()) {
            if (block.group(1).equals(label)) {
                try {
                    blocks.add(Base64.getMimeDecoder().decode(block.group(2)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("a " + label + " block is not valid base64: " + e.getMessage());
                }
            }
        }
        return blocks;
    }
}
