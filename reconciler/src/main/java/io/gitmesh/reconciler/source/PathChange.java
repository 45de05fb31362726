package io.gitmesh.reconciler.source;

import java.util.Objects;
import java.util.Optional;

/**
 * One file that differs between two commits.
 *
 * @param oldPath the path before (absent for an added file)
 * @param newPath the path after (absent for a deleted file)
 */
public record PathChange(Kind kind, Optional<String> oldPath, Optional<String> newPath)
        implements Comparable<PathChange> {

    public enum Kind { ADDED, MODIFIED, DELETED, RENAMED }

    public PathChange {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(oldPath, "oldPath");
        Objects.requireNonNull(newPath, "newPath");
        boolean shape = switch (kind) {
            case ADDED -> oldPath.isEmpty() && newPath.isPresent();
            case DELETED -> oldPath.isPresent() && newPath.isEmpty();
            case MODIFIED -> oldPath.isPresent() && oldPath.equals(newPath);
            case RENAMED -> oldPath.isPresent() && newPath.isPresent() && !oldPath.equals(newPath);
        };
        if (!shape) {
            throw new IllegalArgumentException(kind + " with old path " + oldPath + " and new path " + newPath);
        }
    }

    public static PathChange added(String path) {
        return new PathChange(Kind.ADDED, Optional.empty(), Optional.of(path));
    }

    public static PathChange modified(String path) {
        return new PathChange(Kind.MODIFIED, Optional.of(path), Optional.of(path));
    }

    public static PathChange deleted(String path) {
        return new PathChange(Kind.DELETED, Optional.of(path), Optional.empty());
    }

    public static PathChange renamed(String from, String to) {
        return new PathChange(Kind.RENAMED, Optional.of(from), Optional.of(to));
    }

    /** The path after the change, or before it for a deletion. */
    public String path() {
        return newPath.or(() -> oldPath).orElseThrow();
    }

    @Override
    public int compareTo(PathChange o) {
        int byPath = path().compareTo(o.path());
        return byPath != 0 ? byPath : kind.compareTo(o.kind);
    }

    @Override
    public String toString() {
        return kind == Kind.RENAMED ? "RENAMED " + oldPath.orElseThrow() + " -> " + newPath.orElseThrow()
                : kind + " " + path();
    }
}
