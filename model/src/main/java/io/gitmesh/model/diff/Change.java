package io.gitmesh.model.diff;

import java.util.Locale;
import java.util.Optional;

/** How a resource of the mesh changes between two meshes. */
public enum Change {
    ADDED,
    REMOVED,
    MODIFIED;

    /** {@code added}, {@code removed}, {@code modified}: the word in the CLI's output. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The change from {@code before} to {@code after} (empty: absent on a side); none when they are equal. */
    static <V> Optional<Change> between(Optional<V> before, Optional<V> after) {
        if (before.isEmpty()) {
            return after.map(a -> ADDED);
        }
        if (after.isEmpty()) {
            return Optional.of(REMOVED);
        }
        return before.equals(after) ? Optional.empty() : Optional.of(MODIFIED);
    }
}
