package io.gitmesh.ca.store;

import io.gitmesh.ca.CaCredential;
import io.gitmesh.ca.CaMaterial;
import io.gitmesh.ca.Pem;
import io.gitmesh.ca.rotation.CaState;
import io.gitmesh.ca.rotation.RootRotation;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
 *
 * <p>A root rotation adds the new CA as {@code next-root.pem}, {@code next-root-key.pem} (and
 * {@code next-intermediate*.pem}) and its stage in {@code rotation-stage} (see {@link RotationFields}).
 * Every file is replaced atomically, and the writes are ordered so that a reader — or a writer that
 * crashed half-way — always finds a whole state: a rotation starts when its stage file appears after the
 * new CA's files; it settles by first marking the stage {@code settling} (the {@code next-} files are
 * then the CA in place), copying them over the CA's own files, and only then removing the stage file and
 * the {@code next-} files. Writers take a lock on {@code .lock} in the directory.
 */
public final class FileCaStore implements CaStore {
    public static final String ROOT_CERTIFICATE = "root.pem";
    public static final String ROOT_KEY = "root-key.pem";
    public static final String INTERMEDIATE_CERTIFICATE = "intermediate.pem";
    public static final String INTERMEDIATE_KEY = "intermediate-key.pem";
    /** The stage of a rotation in progress; absent when settled. */
    public static final String ROTATION_STAGE = RotationFields.STAGE;

    private static final String LOCK = ".lock";
    /** A JVM holds a file lock for all its threads: writers in one process also take this. */
    private static final Object WRITERS_IN_THIS_PROCESS = new Object();
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
    public Optional<CaState> load() {
        if (Stream.concat(RotationFields.NAMES.stream(), Stream.of(ROTATION_STAGE))
                .noneMatch(name -> Files.exists(directory.resolve(name)))) {
            return Optional.empty();
        }
        Path stage = directory.resolve(ROTATION_STAGE);
        return Optional.of(RotationFields.read(stage.toString(),
                Files.exists(stage) ? Optional.of(PemFiles.read(stage)) : Optional.empty(),
                () -> material(""), () -> material(RotationFields.NEXT_PREFIX)));
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

    @Override
    public boolean replace(RootRotation expected, CaState next) {
        synchronized (WRITERS_IN_THIS_PROCESS) {
            try (FileChannel channel = FileChannel.open(directory.resolve(LOCK), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
                finishSettling();
                CaState stored = load().orElseThrow(() -> new CaStoreException(directory + " holds no CA"));
                if (!stored.rotation().equals(expected)) {
                    return false;
                }
                write(stored, next);
                return true;
            } catch (IOException e) {
                throw new CaStoreException("cannot lock " + directory.resolve(LOCK) + ": " + e.getMessage(), e);
            }
        }
    }

    private void write(CaState stored, CaState next) {
        switch (RotationFields.change(stored, next)) {
            case NONE -> {
                return;
            }
            case BEGIN -> {
                writeMaterial(RotationFields.NEXT_PREFIX, next.next().orElseThrow());
                writeStage(next.stage().label());
            }
            case STAGE -> writeStage(next.stage().label());
            case SETTLE -> {
                writeStage(RotationFields.SETTLING);
                finishSettling();
            }
        }
        LOG.info("CA directory={} root rotation: {}", directory, next.rotation().describe());
    }

    /** Completes a settle that was marked (perhaps by a writer that crashed): the next CA becomes the only one. */
    private void finishSettling() {
        Path stage = directory.resolve(ROTATION_STAGE);
        if (!Files.exists(stage) || !PemFiles.read(stage).strip().equals(RotationFields.SETTLING)) {
            return;
        }
        writeMaterial("", material(RotationFields.NEXT_PREFIX));
        delete(ROTATION_STAGE);
        RotationFields.NAMES.forEach(name -> delete(RotationFields.NEXT_PREFIX + name));
    }

    /** Writes {@code material} under the names with {@code prefix}, each key before its certificate. */
    private void writeMaterial(String prefix, CaMaterial material) {
        PemFiles.replaceSecret(directory.resolve(prefix + ROOT_KEY), Pem.privateKey(material.root().key()));
        PemFiles.replacePublic(directory.resolve(prefix + ROOT_CERTIFICATE),
                Pem.certificates(List.of(material.root().certificate())));
        material.intermediate().ifPresentOrElse(intermediate -> {
            PemFiles.replaceSecret(directory.resolve(prefix + INTERMEDIATE_KEY), Pem.privateKey(intermediate.key()));
            PemFiles.replacePublic(directory.resolve(prefix + INTERMEDIATE_CERTIFICATE),
                    Pem.certificates(List.of(intermediate.certificate())));
        }, () -> {
            delete(prefix + INTERMEDIATE_KEY);
            delete(prefix + INTERMEDIATE_CERTIFICATE);
        });
    }

    private void writeStage(String label) {
        PemFiles.replacePublic(directory.resolve(ROTATION_STAGE), label + "\n");
    }

    private void delete(String name) {
        try {
            Files.deleteIfExists(directory.resolve(name));
        } catch (IOException e) {
            throw new CaStoreException("cannot delete " + directory.resolve(name) + ": " + e.getMessage(), e);
        }
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

    /** The CA under the names with {@code prefix}: {@code ""} for the one in place, {@code next-} for a new root. */
    private CaMaterial material(String prefix) {
        CaCredential root = credential(prefix + ROOT_CERTIFICATE, prefix + ROOT_KEY);
        Optional<CaCredential> intermediate = Files.exists(directory.resolve(prefix + INTERMEDIATE_CERTIFICATE))
                || Files.exists(directory.resolve(prefix + INTERMEDIATE_KEY))
                ? Optional.of(credential(prefix + INTERMEDIATE_CERTIFICATE, prefix + INTERMEDIATE_KEY))
                : Optional.empty();
        try {
            return new CaMaterial(root, intermediate);
        } catch (IllegalArgumentException e) {
            throw new CaStoreException(directory + " does not hold a usable " + (prefix.isEmpty() ? "CA" : "new root")
                    + ": " + e.getMessage());
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
