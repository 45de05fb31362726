package io.gitmesh.app.demo;

import java.util.Objects;

/**
 * An edit a user makes to a file of the policy repository: the text {@code from}, which must occur,
 * becomes {@code to} wherever it occurs.
 *
 * @param file relative to the repository's root, with {@code /}
 */
record TextEdit(String file, String from, String to) {
    TextEdit {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    /** {@code text} edited; fails, saying what is missing, when {@code from} does not occur. */
    String applyTo(String text) {
        if (!text.contains(from)) {
            throw new IllegalStateException(file + " does not hold the text the demo edits (was sample-repo/ "
                    + "changed?):\n" + from);
        }
        return text.replace(from, to);
    }
}
