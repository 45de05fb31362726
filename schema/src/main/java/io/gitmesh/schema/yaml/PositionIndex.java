package io.gitmesh.schema.yaml;

import io.gitmesh.schema.Position;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each node of a document was written, by JSON pointer. A mapping entry is placed at its key
 * (the line a person reads as "the field"); a sequence item at the item. Lookups of a pointer that
 * does not exist (a missing field) fall back to the nearest ancestor that does.
 */
public final class PositionIndex {
    private final Map<String, Position> positions;

    PositionIndex(Map<String, Position> positions) {
        this.positions = Collections.unmodifiableMap(new HashMap<>(positions));
    }

    public static PositionIndex of(Map<String, Position> positions) {
        return new PositionIndex(positions);
    }

    /** The position of {@code pointer}, or of its nearest existing ancestor. */
    public Position at(String pointer) {
        String p = pointer == null ? "" : pointer;
        while (true) {
            Position found = positions.get(p);
            if (found != null) {
                return found;
            }
            if (p.isEmpty()) {
                return Position.UNKNOWN;
            }
            int slash = p.lastIndexOf('/');
            p = slash <= 0 ? "" : p.substring(0, slash);
        }
    }

    /** Whether the pointer names a node that was written in the source. */
    public boolean contains(String pointer) {
        return positions.containsKey(pointer);
    }

    public int size() {
        return positions.size();
    }

    /** Escapes one reference token of a JSON pointer (RFC 6901). */
    public static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    /** {@code parent + "/" + escape(token)}. */
    public static String child(String parent, String token) {
        return parent + "/" + escape(token);
    }

    public static String child(String parent, int index) {
        return parent + "/" + index;
    }
}
