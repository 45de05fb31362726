package io.gitmesh.reconciler.source;

import java.util.regex.Pattern;

/** A full git commit id: 40 lowercase hexadecimal digits (SHA-1). */
public record CommitId(String hex) implements Comparable<CommitId> {
    private static final Pattern FULL = Pattern.compile("[0-9a-f]{40}");

    public CommitId {
        if (hex == null || !FULL.matcher(hex).matches()) {
            throw new IllegalArgumentException("not a full commit id (40 lowercase hex digits): " + hex);
        }
    }

    /** The first seven digits, as git shows a commit to people. */
    public String abbreviated() {
        return hex.substring(0, 7);
    }

    @Override
    public int compareTo(CommitId o) {
        return hex.compareTo(o.hex);
    }

    @Override
    public String toString() {
        return hex;
    }
}
