package io.gitmesh.ca.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Writing and checking PEM files. Key files get mode 0600 when they are created — never a moment with
 * wider permissions — on file systems with POSIX permissions; elsewhere the directory's ACLs apply.
 * Replacing a file is atomic (a temporary file in the same directory, then a rename), so a reader such
 * as gRPC's file_watcher never sees half a file.
 */
public final class PemFiles {
    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE);
    private static final Set<PosixFilePermission> WORLD_READABLE = PosixFilePermissions.fromString("rw-r--r--");
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private PemFiles() {
    }

    /**
     * Creates {@code file} readable by its owner only.
     *
     * @return false when the file already exists (it is left untouched)
     */
    public static boolean createSecret(Path file, String pem) {
        try (SeekableByteChannel channel = Files.newByteChannel(file,
                EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), ownerOnly(file))) {
            ByteBuffer bytes = ByteBuffer.wrap(pem.getBytes(StandardCharsets.US_ASCII));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            throw failure("cannot create", file, e);
        }
    }

    /** Writes {@code file} (replacing it atomically) readable by its owner only. */
    public static void replaceSecret(Path file, String pem) {
        replace(file, pem, OWNER_ONLY);
    }

    /** Writes {@code file} (replacing it atomically) readable by everyone: certificates and bundles. */
    public static void replacePublic(Path file, String pem) {
        replace(file, pem, WORLD_READABLE);
    }

    /** Refuses a key file that its group or others may access (POSIX file systems only). */
    public static void requireOwnerOnly(Path keyFile) {
        if (!isPosix(keyFile)) {
            return;
        }
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(keyFile);
        } catch (IOException e) {
            throw failure("cannot read the permissions of", keyFile, e);
        }
        if (permissions.stream().anyMatch(GROUP_OR_OTHERS::contains)) {
            throw new CaStoreException("the key file " + keyFile + " is accessible to group or others ("
                    + PosixFilePermissions.toString(permissions) + "): a private key must be readable by its owner"
                    + " only; run chmod 600 " + keyFile + " if nobody else has read it, or create a new CA");
        }
    }

    public static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw failure("cannot read", file, e);
        }
    }

    private static void replace(Path file, String pem, Set<PosixFilePermission> permissions) {
        Path directory = file.toAbsolutePath().getParent();
        Path temporary = null;
        try {
            // created rw------- on POSIX file systems; widened below only for public files
            temporary = Files.createTempFile(directory, "." + file.getFileName(), ".tmp");
            Files.writeString(temporary, pem, StandardCharsets.US_ASCII);
            if (isPosix(temporary)) {
                Files.setPosixFilePermissions(temporary, permissions);
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteQuietly(temporary);
            throw failure("cannot write", file, e);
        }
    }

    private static FileAttribute<?>[] ownerOnly(Path file) {
        return isPosix(file)
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
    }

    private static boolean isPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static void deleteQuietly(Path temporary) {
        if (temporary == null) {
            return;
        }
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException ignored) {
            // the original failure is what the user needs to see
        }
    }

    private static CaStoreException failure(String what, Path file, IOException e) {
        return new CaStoreException(what + " " + file + ": " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
    }
}
