package io.gitmesh.schema;

import java.util.Comparator;
import java.util.Objects;

/**
 * One finding about the policy: what is wrong, where (file, line, column, JSON pointer inside the
 * document) and in which resource. Validation collects these; it never throws for bad input.
 *
 * @param file     path relative to the repository root, with {@code /} separators; empty when the
 *                 finding is not about a file
 * @param pointer  RFC 6901 JSON pointer into the document ({@code ""} for the whole document)
 * @param resource {@code Kind/namespace/name}, or empty when the document has no identity yet
 */
public record Diagnostic(
        Severity severity, String file, int line, int column, String pointer, String resource, String message)
        implements Comparable<Diagnostic> {

    private static final Comparator<Diagnostic> ORDER = Comparator.comparing(Diagnostic::file)
            .thenComparingInt(Diagnostic::line)
            .thenComparingInt(Diagnostic::column)
            .thenComparing(Diagnostic::severity)
            .thenComparing(Diagnostic::message)
            .thenComparing(Diagnostic::pointer)
            .thenComparing(Diagnostic::resource);

    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        file = file == null ? "" : file;
        pointer = pointer == null ? "" : pointer;
        resource = resource == null ? "" : resource;
        if (line < 0 || column < 0) {
            throw new IllegalArgumentException("negative position");
        }
    }

    public static Diagnostic of(Severity severity, String file, Position at, String pointer, String resource,
            String message) {
        return new Diagnostic(severity, file, at.line(), at.column(), pointer, resource, message);
    }

    /** A finding about a whole file (unreadable, too large, not YAML). */
    public static Diagnostic ofFile(Severity severity, String file, Position at, String message) {
        return of(severity, file, at, "", "", message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    public Position position() {
        return new Position(line, column);
    }

    /** {@code FILE:LINE:COL: SEVERITY: MESSAGE (RESOURCE POINTER)}, the text form of DESIGN.md §7. */
    public String toText() {
        StringBuilder b = new StringBuilder();
        b.append(file.isEmpty() ? "<repository>" : file).append(':').append(line).append(':').append(column)
                .append(": ").append(severity.word()).append(": ").append(message);
        if (!resource.isEmpty() || !pointer.isEmpty()) {
            b.append(" (");
            b.append(resource.isEmpty() ? "-" : resource);
            if (!pointer.isEmpty()) {
                b.append(' ').append(pointer);
            }
            b.append(')');
        }
        return b.toString();
    }

    @Override
    public int compareTo(Diagnostic o) {
        return ORDER.compare(this, o);
    }
}
