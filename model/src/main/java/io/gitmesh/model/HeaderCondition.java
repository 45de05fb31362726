package io.gitmesh.model;

import java.util.Comparator;
import java.util.Locale;
import java.util.Objects;

/**
 * A header condition of an HTTP route match: the header must be present and its value must match
 * the RE2 regex. Header names are case-insensitive in HTTP, so the name is kept in lowercase.
 */
public record HeaderCondition(String name, String valueRegex) implements Comparable<HeaderCondition> {
    private static final Comparator<HeaderCondition> ORDER = Comparator.comparing(HeaderCondition::name)
            .thenComparing(HeaderCondition::valueRegex);

    public HeaderCondition {
        name = Values.requireText(name, "header name").toLowerCase(Locale.ROOT);
        Objects.requireNonNull(valueRegex, "valueRegex");
    }

    @Override
    public int compareTo(HeaderCondition o) {
        return ORDER.compare(this, o);
    }
}
