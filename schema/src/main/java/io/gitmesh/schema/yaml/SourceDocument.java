package io.gitmesh.schema.yaml;

import io.gitmesh.schema.Position;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * One YAML document of a file, as a JSON tree, with the position of every node.
 *
 * @param file  repository-relative path
 * @param index 0-based index of the document in its file
 * @param start where the document's content starts
 */
public record SourceDocument(String file, int index, Position start, JsonNode root, PositionIndex positions) {
    public SourceDocument {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(positions, "positions");
    }

    /** Position of a pointer in this document (falls back to the nearest written ancestor). */
    public Position at(String pointer) {
        Position p = positions.at(pointer);
        return p == Position.UNKNOWN ? start : p;
    }
}
