package io.gitmesh.app.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The third-party input in shared/ (SMI, OSM), and copies of it assembled into test repositories. */
final class SharedData {
    private SharedData() {
    }

    static Path path(String relative) {
        return Path.of(System.getProperty("gitmesh.shared", "../../shared")).resolve(relative).normalize();
    }

    /** Copies {@code source} (a file or a directory tree) into {@code target}, keeping its name. */
    static void copyInto(Path source, Path target) {
        try {
            Path destination = target.resolve(source.getFileName().toString());
            if (Files.isDirectory(source)) {
                try (var paths = Files.walk(source)) {
                    for (Path p : paths.toList()) {
                        Path to = destination.resolve(source.relativize(p).toString());
                        if (Files.isDirectory(p)) {
                            Files.createDirectories(to);
                        } else {
                            Files.copy(p, to, StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                }
            } else {
                Files.createDirectories(target);
                Files.copy(source, destination, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code source} to {@code target} with kuttl's {@code <NAMESPACE>} placeholder replaced. */
    static Path withNamespace(Path source, Path target, String namespace) {
        try {
            Files.createDirectories(target.getParent());
            Files.writeString(target, Files.readString(source).replace("<NAMESPACE>", namespace));
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
