package io.gitmesh.xds.override;

import io.gitmesh.schema.yaml.PositionIndex;
import java.util.Objects;

/**
 * A place inside a patch value or a resource: its RFC 6901 JSON pointer (for positions) and its path
 * as people read it ({@code spec.patches[0].value.circuit_breakers.thresholds[0]}).
 */
record FieldPath(String pointer, String dotted) {
    static final FieldPath ROOT = new FieldPath("", "");

    FieldPath {
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(dotted, "dotted");
    }

    /** The place a JSON pointer names, with list indexes (all-digit tokens) shown as {@code [n]}. */
    static FieldPath of(String pointer) {
        FieldPath path = ROOT;
        for (String token : pointer.substring(Math.min(1, pointer.length())).split("/", -1)) {
            if (token.isEmpty()) {
                continue;
            }
            path = token.chars().allMatch(Character::isDigit) ? path.item(Integer.parseInt(token))
                    : path.child(token.replace("~1", "/").replace("~0", "~"));
        }
        return path;
    }

    FieldPath child(String field) {
        return new FieldPath(PositionIndex.child(pointer, field), dotted.isEmpty() ? field : dotted + "." + field);
    }

    FieldPath item(int index) {
        return new FieldPath(PositionIndex.child(pointer, index), dotted + "[" + index + "]");
    }

    /** An entry of a map field, shown as {@code typed_per_filter_config["envoy.filters.http.rbac"]}. */
    FieldPath entry(String key) {
        return new FieldPath(PositionIndex.child(pointer, key), dotted + "[\"" + key + "\"]");
    }

    /** The dotted path, or {@code what} for the root (a whole resource: "it needs ..."). */
    String describe(String what) {
        return dotted.isEmpty() ? what : dotted;
    }
}
