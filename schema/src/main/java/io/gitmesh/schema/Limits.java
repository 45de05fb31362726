package io.gitmesh.schema;

/**
 * Safety limits for reading policy (DESIGN.md §3). Past a limit the file is rejected with a
 * diagnostic, never with an out-of-memory error or a hang.
 *
 * @param maxFileBytes        largest file read, in bytes
 * @param maxDocuments        most YAML documents in one file
 * @param maxAliases          most alias references in one document
 * @param maxDepth            deepest nesting of collections
 * @param maxNodes            most nodes in one file after alias expansion (stops alias bombs)
 */
public record Limits(int maxFileBytes, int maxDocuments, int maxAliases, int maxDepth, int maxNodes) {
    public static final Limits DEFAULT = new Limits(1 << 20, 10_000, 100, 64, 1_000_000);

    /** The diagnostic for a file over {@link #maxFileBytes}, the same wherever the file is found. */
    public Diagnostic fileTooLarge(String path, long size) {
        return Diagnostic.ofFile(Severity.ERROR, path, Position.START, "file is " + size
                + " bytes, over the limit of " + maxFileBytes + " bytes; split it or raise the limit");
    }

    public Limits {
        if (maxFileBytes <= 0 || maxDocuments <= 0 || maxAliases < 0 || maxDepth <= 0 || maxNodes <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }
}
