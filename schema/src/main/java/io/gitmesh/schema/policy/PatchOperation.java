package io.gitmesh.schema.policy;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What an {@link EnvoyOverride} patch does to its target. */
public enum PatchOperation {
    /** Merges the value into each target (fields written replace, lists are appended to). */
    MERGE,
    /** Replaces each target by the value; the target keeps its name and its place. */
    REPLACE,
    /** Adds the value as a new object; it must have a name no other object of its type has. */
    ADD,
    /** Removes each target. */
    REMOVE;

    /** The name written in YAML ({@code merge}). */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<PatchOperation> fromWord(String word) {
        return Arrays.stream(values()).filter(o -> o.word().equals(word)).findFirst();
    }

    public static List<String> words() {
        return Arrays.stream(values()).map(PatchOperation::word).toList();
    }
}
