package io.gitmesh.reconciler.files;

import io.gitmesh.schema.Diagnostic;
import io.gitmesh.schema.Limits;
import io.gitmesh.schema.Position;
import io.gitmesh.schema.Severity;
import io.gitmesh.schema.SourceFile;
import io.gitmesh.schema.SourceFiles;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the policy files of a directory: every {@code *.yaml}/{@code *.yml} below it, dot-folders
 * skipped, symlinks never followed (each one is named in a notice), files over the size limit
 * reported without being read.
 */
public final class DirectorySource {
    private final Limits limits;

    public DirectorySource(Limits limits) {
        this.limits = limits;
    }

    /**
     * Reads {@code root} (a directory, or a single file). Paths in the result are relative to
     * {@code root} (a single file keeps its file name).
     *
     * @throws IOException when {@code root} itself cannot be read
     */
    public SourceFiles read(Path root) throws IOException {
        Path base = root.toAbsolutePath().normalize();
        BasicFileAttributes attributes = Files.readAttributes(base, BasicFileAttributes.class,
                LinkOption.NOFOLLOW_LINKS);
        List<SourceFile> files = new ArrayList<>();
        List<Diagnostic> diagnostics = new ArrayList<>();
        if (!attributes.isDirectory()) {
            Path real = base.toRealPath();
            readFile(real, base.getFileName().toString(), Files.size(real), files, diagnostics);
            return new SourceFiles(files, diagnostics);
        }
        Files.walkFileTree(base, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                boolean hidden = !dir.equals(base) && dir.getFileName().toString().startsWith(".");
                return hidden ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                String path = relative(base, file);
                if (attrs.isSymbolicLink()) {
                    if (SourceFile.isPolicyPath(path) || Files.isDirectory(file)) {
                        diagnostics.add(Diagnostic.ofFile(Severity.INFO, path, Position.UNKNOWN,
                                "symbolic link not followed (policy repositories are read without following links)"));
                    }
                    return FileVisitResult.CONTINUE;
                }
                if (attrs.isRegularFile() && SourceFile.isPolicyPath(path)) {
                    readFile(file, path, attrs.size(), files, diagnostics);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                diagnostics.add(Diagnostic.ofFile(Severity.ERROR, relative(base, file), Position.UNKNOWN,
                        "cannot read: " + describe(e)));
                return FileVisitResult.CONTINUE;
            }
        });
        return new SourceFiles(files, diagnostics);
    }

    private void readFile(Path file, String path, long size, List<SourceFile> files, List<Diagnostic> diagnostics) {
        if (size > limits.maxFileBytes()) {
            diagnostics.add(limits.fileTooLarge(path, size));
            return;
        }
        try {
            files.add(new SourceFile(path, Files.readAllBytes(file)));
        } catch (IOException e) {
            diagnostics.add(Diagnostic.ofFile(Severity.ERROR, path, Position.UNKNOWN, "cannot read: " + describe(e)));
        }
    }

    private static String relative(Path base, Path file) {
        return base.relativize(file).toString().replace(java.io.File.separatorChar, '/');
    }

    private static String describe(IOException e) {
        String kind = e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2")
                .toLowerCase(java.util.Locale.ROOT);
        return kind.isBlank() ? String.valueOf(e.getMessage()) : kind;
    }
}
