package io.gitmesh.schema.policy;

import java.util.Objects;

/** One header condition of an HTTP match: the header's value must match the RE2 regex. */
public record HeaderMatch(String name, String valueRegex, String pointer) {
    public HeaderMatch {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(valueRegex, "valueRegex");
        Objects.requireNonNull(pointer, "pointer");
    }
}
