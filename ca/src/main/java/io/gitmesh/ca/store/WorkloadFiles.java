package io.gitmesh.ca.store;

import io.gitmesh.ca.IssuedCertificate;
import io.gitmesh.ca.TrustBundle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A workload's certificate as the three files gRPC's file_watcher certificate provider reads
 * ({@code certificate_file}, {@code private_key_file}, {@code ca_certificate_file}), and Envoy's file-based
 * SDS as well. Each is replaced atomically; the key first, so that a reader that sees the new certificate
 * finds its key already in place.
 */
public final class WorkloadFiles {
    /** The leaf and its intermediates. */
    public static final String CERTIFICATE = "cert.pem";
    /** PKCS#8, mode 0600. */
    public static final String PRIVATE_KEY = "key.pem";
    /** Every root of the trust bundle. */
    public static final String TRUST_BUNDLE = "ca.pem";

    private WorkloadFiles() {
    }

    /** Writes the three files into {@code directory}, creating it when needed. */
    public static void write(Path directory, IssuedCertificate issued, TrustBundle bundle) {
        String key = issued.privateKeyPem().orElseThrow(() -> new IllegalArgumentException(
                "the workload holds this certificate's key: only certificates issued with a new key can be written"));
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new CaStoreException("cannot create " + directory + ": " + e.getMessage(), e);
        }
        PemFiles.replaceSecret(directory.resolve(PRIVATE_KEY), key);
        PemFiles.replacePublic(directory.resolve(CERTIFICATE), issued.certificateChainPem());
        PemFiles.replacePublic(directory.resolve(TRUST_BUNDLE), bundle.pem());
    }
}
