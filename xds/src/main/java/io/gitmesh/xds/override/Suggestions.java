package io.gitmesh.xds.override;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** "Did you mean": the known name closest to a misspelt one, within two edits. */
final class Suggestions {
    private static final int MAX_DISTANCE = 2;

    private Suggestions() {
    }

    /** The closest name (the first in alphabetical order among equally close ones), if any is close enough. */
    static Optional<String> closest(Collection<String> names, String written) {
        return names.stream()
                .filter(name -> distance(name, written) <= MAX_DISTANCE)
                .min(Comparator.comparingInt((String name) -> distance(name, written)).thenComparing(name -> name));
    }

    /** Levenshtein distance (names are short). */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
