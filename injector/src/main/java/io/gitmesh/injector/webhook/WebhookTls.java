package io.gitmesh.injector.webhook;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The webhook's serving certificate and key, and the CA bundle that signs it, all PEM. The key is PKCS#8
 * ({@code BEGIN PRIVATE KEY}), EC or RSA as the certificate says; keys are never logged.
 *
 * @param certificateChainPem the serving certificate, then any intermediates
 * @param privateKeyPem       its private key
 * @param caBundlePem         what the API server must trust (for {@link CaBundlePublisher})
 */
public record WebhookTls(String certificateChainPem, String privateKeyPem, String caBundlePem) {
    private static final Pattern PKCS8 = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

    public WebhookTls {
        Objects.requireNonNull(certificateChainPem, "certificateChainPem");
        Objects.requireNonNull(privateKeyPem, "privateKeyPem");
        Objects.requireNonNull(caBundlePem, "caBundlePem");
    }

    /** Reads the three PEM files. */
    public static WebhookTls read(Path certificateChain, Path privateKey, Path caBundle) throws IOException {
        return new WebhookTls(Files.readString(certificateChain, StandardCharsets.US_ASCII),
                Files.readString(privateKey, StandardCharsets.US_ASCII),
                Files.readString(caBundle, StandardCharsets.US_ASCII));
    }

    /**
     * A TLS context serving this certificate.
     *
     * @throws GeneralSecurityException if the PEM does not hold a certificate chain and its PKCS#8 key; the
     *                                  message says which part is wrong
     */
    public SSLContext sslContext() throws GeneralSecurityException {
        List<? extends Certificate> chain = List.copyOf(CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(certificateChainPem.getBytes(StandardCharsets.US_ASCII))));
        if (chain.isEmpty()) {
            throw new GeneralSecurityException("the certificate PEM holds no certificate");
        }
        Matcher key = PKCS8.matcher(privateKeyPem);
        if (!key.find()) {
            throw new GeneralSecurityException("the key PEM holds no PKCS#8 private key (BEGIN PRIVATE KEY); "
                    + "convert it with: openssl pkcs8 -topk8 -nocrypt -in KEY");
        }
        PrivateKey privateKey = KeyFactory.getInstance(chain.getFirst().getPublicKey().getAlgorithm())
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(key.group(1))));
        char[] password = new char[0];
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, password);
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot create an in-memory key store", e);
        }
        store.setKeyEntry("webhook", privateKey, password, chain.toArray(Certificate[]::new));
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    /** No key material in logs. */
    @Override
    public String toString() {
        return "WebhookTls[certificate chain, private key, CA bundle]";
    }
}
