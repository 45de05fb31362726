package io.gitmesh.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.util.FileUtils;

/** A temporary directory that is deleted, with everything in it, on {@link #close()}. */
final class ScratchDirectory implements AutoCloseable {
    private final Path root;

    private ScratchDirectory(Path root) {
        this.root = root;
    }

    static ScratchDirectory create(String prefix) {
        try {
            return new ScratchDirectory(Files.createTempDirectory(prefix));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code name} inside this directory (not created). */
    Path resolve(String name) {
        return root.resolve(name);
    }

    @Override
    public void close() {
        try {
            FileUtils.delete(root.toFile(), FileUtils.RECURSIVE | FileUtils.RETRY);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
