package io.gitmesh.schema;

import java.util.Objects;

/**
 * A file of the policy repository as bytes, however it was obtained (a directory, a git tree).
 * Reading the bytes is an adapter's job; everything in {@code schema} works on these values.
 *
 * @param path relative to the repository root, {@code /}-separated, never starting with {@code /}
 */
public record SourceFile(String path, byte[] content) {
    public SourceFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(content, "content");
        if (path.startsWith("/") || path.contains("\\")) {
            throw new IllegalArgumentException("path must be relative and /-separated: " + path);
        }
        content = content.clone();
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    /** The number of bytes, without copying them. */
    public int size() {
        return content.length;
    }

    /** Read access without a copy, for the parser in this module. */
    byte[] bytes() {
        return content;
    }

    /** Whether this path names a file the policy reader takes ({@code *.yaml}, {@code *.yml}). */
    public static boolean isPolicyPath(String path) {
        String lower = path.toLowerCase(java.util.Locale.ROOT);
        return lower.endsWith(".yaml") || lower.endsWith(".yml");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SourceFile f && f.path.equals(path) && java.util.Arrays.equals(f.content, content);
    }

    @Override
    public int hashCode() {
        return 31 * path.hashCode() + java.util.Arrays.hashCode(content);
    }

    @Override
    public String toString() {
        return "SourceFile[" + path + ", " + content.length + " bytes]";
    }
}
