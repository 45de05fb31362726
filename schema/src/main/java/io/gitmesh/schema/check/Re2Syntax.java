package io.gitmesh.schema.check;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a regular expression compiles under RE2 (Envoy's engine), remembered per expression: a
 * repository's regexes rarely change between revisions, and compiling them was most of a revision's
 * checks. Thread-safe; holds at most {@value #CAPACITY} expressions and starts afresh when full.
 */
final class Re2Syntax {
    static final int CAPACITY = 50_000;

    private final Map<String, Optional<String>> problems = new ConcurrentHashMap<>();

    /** Why {@code regex} does not compile under RE2; empty when it does. */
    Optional<String> problem(String regex) {
        Optional<String> known = problems.get(regex);
        if (known != null) {
            return known;
        }
        if (problems.size() >= CAPACITY) {
            problems.clear();
        }
        Optional<String> found = compile(regex);
        problems.put(regex, found);
        return found;
    }

    private static Optional<String> compile(String regex) {
        try {
            Pattern.compile(regex);
            return Optional.empty();
        } catch (PatternSyntaxException e) {
            return Optional.of(e.getDescription());
        }
    }
}
