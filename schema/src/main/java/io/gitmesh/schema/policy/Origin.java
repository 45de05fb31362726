package io.gitmesh.schema.policy;

import io.gitmesh.schema.Position;
import io.gitmesh.schema.yaml.PositionIndex;
import java.util.Objects;

/**
 * Where a document came from: its file, its index in the file, the apiVersion it was written in, and
 * the positions of its nodes, so that a rule can point at the exact line of a field. Pointers given
 * to {@link #at} are in the <em>source</em> layout of that version (records keep them as written).
 */
public record Origin(String file, int documentIndex, String apiVersion, Position start, PositionIndex positions) {
    public Origin {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(apiVersion, "apiVersion");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(positions, "positions");
    }

    /** An origin for documents made in code (tests, generators): everything at line 1. */
    public static Origin synthetic(String file, String apiVersion) {
        return new Origin(file, 0, apiVersion, Position.START, PositionIndex.of(java.util.Map.of()));
    }

    public Position at(String pointer) {
        Position p = positions.at(pointer);
        return p == Position.UNKNOWN ? start : p;
    }

    /** {@code file:line}, for messages that name another document ("first defined in ..."). */
    public String describe() {
        return file + ":" + start.line();
    }
}
