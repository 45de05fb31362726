package io.gitmesh.reconciler.source;

import java.util.Objects;
import java.util.regex.Pattern;

/** What a source follows in its repository: a branch, the remote's default branch, a tag, or one commit. */
public sealed interface Reference {

    /** Follow a branch: every fetch may bring a new commit. */
    record Branch(String name) implements Reference {
        public Branch {
            requireRefName(name, "branch");
        }

        @Override
        public String toString() {
            return "branch " + name;
        }
    }

    /** Follow the branch the remote's {@code HEAD} names (its default branch). */
    record DefaultBranch() implements Reference {
        @Override
        public String toString() {
            return "the default branch";
        }
    }

    /** Stay on a tag (moving the tag, even by force, moves the mesh). */
    record Tag(String name) implements Reference {
        public Tag {
            requireRefName(name, "tag");
        }

        @Override
        public String toString() {
            return "tag " + name;
        }
    }

    /**
     * Stay on one commit, given by its id or an unambiguous abbreviation of at least seven digits.
     * The commit must be reachable from a branch or tag of the remote.
     */
    record Pinned(String commit) implements Reference {
        private static final Pattern HEX = Pattern.compile("[0-9a-f]{7,40}");

        public Pinned {
            Objects.requireNonNull(commit, "commit");
            if (!HEX.matcher(commit).matches()) {
                throw new IllegalArgumentException(
                        "a pinned commit is 7 to 40 lowercase hex digits, not \"" + commit + "\"");
            }
        }

        @Override
        public String toString() {
            return "commit " + commit;
        }
    }

    private static void requireRefName(String name, String what) {
        Objects.requireNonNull(name, what);
        if (name.isBlank() || name.startsWith("refs/") || name.startsWith("-") || name.contains("..")
                || name.chars().anyMatch(c -> c <= ' ' || "~^:?*[\\".indexOf(c) >= 0)) {
            throw new IllegalArgumentException("not a valid " + what + " name: \"" + name
                    + "\" (give the short name, e.g. main or v1.2.0)");
        }
    }
}
