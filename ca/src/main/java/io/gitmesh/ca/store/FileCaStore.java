package io.gitmesh.ca.store;

import io.gitmesh.ca.CaCredential;
import io.gitmesh.ca.CaMaterial;
import io.gitmesh.ca.Pem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A CA kept as PEM files in one directory: {@code root.pem} and {@code root-key.pem}, and when there is an
 * intermediate, {@code intermediate.pem} and {@code intermediate-key.pem}. Keys are PKCS#8, created with
 * mode 0600; a key file that group or others may read is refused. The directory is created (0700) on first
 * use. On load, each key must match its certificate.
 */
public final class FileCaStore implements CaStore {
    public static final String ROOT_CERTIFICATE = "root.pem";
    public static final String ROOT_KEY = "root-key.pem";
    public static final String INTERMEDIATE_CERTIFICATE = "intermediate.pem";
    public static final String INTERMEDIATE_KEY = "intermediate-key.pem";

    private static final Logger LOG = LoggerFactory.getLogger(FileCaStore.class);

    private final Path directory;

    public FileCaStore(Path directory) {
        this.directory = directory;
    }

    @Override
    public String location() {
        return directory.toString();
    }

    @Override
    public Optional<CaMaterial> load() {
        if (Stream.of(ROOT_CERTIFICATE, ROOT_KEY, INTERMEDIATE_CERTIFICATE, INTERMEDIATE_KEY)
                .noneMatch(name -> Files.exists(directory.resolve(name)))) {
            return Optional.empty();
        }
        CaCredential root = credential(ROOT_CERTIFICATE, ROOT_KEY);
        Optional<CaCredential> intermediate = Files.exists(directory.resolve(INTERMEDIATE_CERTIFICATE))
                || Files.exists(directory.resolve(INTERMEDIATE_KEY))
                ? Optional.of(credential(INTERMEDIATE_CERTIFICATE, INTERMEDIATE_KEY)) : Optional.empty();
        try {
            return Optional.of(new CaMaterial(root, intermediate));
        } catch (IllegalArgumentException e) {
            throw new CaStoreException(directory + " does not hold a usable CA: " + e.getMessage());
        }
    }

    @Override
    public boolean createIfAbsent(CaMaterial material) {
        createDirectory();
        // the root key is written first, and only if absent: it decides who creates the CA
        if (!PemFiles.createSecret(directory.resolve(ROOT_KEY), Pem.privateKey(material.root().key()))) {
            return false;
        }
        PemFiles.replacePublic(directory.resolve(ROOT_CERTIFICATE), Pem.certificates(
                List.of(material.root().certificate())));
        material.intermediate().ifPresent(intermediate -> {
            PemFiles.replaceSecret(directory.resolve(INTERMEDIATE_KEY), Pem.privateKey(intermediate.key()));
            PemFiles.replacePublic(directory.resolve(INTERMEDIATE_CERTIFICATE), Pem.certificates(
                    List.of(intermediate.certificate())));
        });
        LOG.info("created CA directory={} trustDomain={} root={} intermediate={}", directory, material.trustDomain(),
                material.root().fingerprint(), material.intermediate().map(i -> i.fingerprint().toString()).orElse("none"));
        return true;
    }

    private void createDirectory() {
        try {
            if (directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createDirectories(directory,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(directory);
            }
        } catch (IOException e) {
            throw new CaStoreException("cannot create the CA directory " + directory + ": " + e.getMessage(), e);
        }
    }

    private CaCredential credential(String certificateName, String keyName) {
        Path certificateFile = directory.resolve(certificateName);
        Path keyFile = directory.resolve(keyName);
        for (Path file : new Path[] {certificateFile, keyFile}) {
            if (!Files.isRegularFile(file)) {
                throw new CaStoreException(directory + " holds an incomplete CA: " + file.getFileName()
                        + " is missing; restore it from a backup, or remove the directory to create a new CA");
            }
        }
        PemFiles.requireOwnerOnly(keyFile);
        X509Certificate certificate = PemCredentials.certificate(certificateFile.toString(),
                PemFiles.read(certificateFile));
        PrivateKey key = PemCredentials.privateKey(keyFile.toString(), PemFiles.read(keyFile));
        if (!PemCredentials.matches(certificate, key)) {
            throw new CaStoreException(keyFile + " is not the key of the certificate next to it: restore the matching"
                    + " pair, or remove the directory to create a new CA");
        }
        try {
            return new CaCredential(certificate, key);
        } catch (IllegalArgumentException e) {
            throw new CaStoreException(certificateFile + ": " + e.getMessage());
        }
    }
}
