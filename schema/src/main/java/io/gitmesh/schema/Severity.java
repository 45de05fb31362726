package io.gitmesh.schema;

/** How bad a diagnostic is. Only {@link #ERROR} makes a revision invalid. */
public enum Severity {
    ERROR,
    WARNING,
    INFO;

    /** The lower-case word used in text and JSON output. */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
