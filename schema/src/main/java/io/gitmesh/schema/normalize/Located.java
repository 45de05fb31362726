package io.gitmesh.schema.normalize;

import io.gitmesh.schema.yaml.PositionIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * A node of a source document with where it is written: its JSON pointer (source layout) and its
 * field path as people read it ({@code spec.backends[0].service}). Navigating into a field that is
 * not there gives an absent node, never null.
 */
record Located(String pointer, String field, JsonNode node) {
    /** Longer strings are cut in messages: the line number shows where the rest is. */
    private static final int MAX_SHOWN = 80;

    static Located root(JsonNode node) {
        return new Located("", "", node);
    }

    /** The field {@code key} of this mapping (absent when this is not a mapping or has no such field). */
    Located child(String key) {
        JsonNode value = node.isObject() ? node.get(key) : null;
        return new Located(PositionIndex.child(pointer, key), field.isEmpty() ? key : field + "." + key,
                value == null ? MissingNode.getInstance() : value);
    }

    /** Item {@code index} of this sequence. */
    Located item(int index) {
        JsonNode value = node.isArray() ? node.get(index) : null;
        return new Located(PositionIndex.child(pointer, index), field + "[" + index + "]",
                value == null ? MissingNode.getInstance() : value);
    }

    /** The same place with nothing written there (for a field of the wrong type, already reported). */
    Located withoutValue() {
        return new Located(pointer, field, MissingNode.getInstance());
    }

    /** Not written, or written as null: both mean "not set" in Kubernetes. */
    boolean absent() {
        return node.isMissingNode() || node.isNull();
    }

    /** The items of a sequence, in written order (empty for anything else). */
    List<Located> items() {
        List<Located> items = new ArrayList<>();
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                items.add(item(i));
            }
        }
        return items;
    }

    /** The fields of a mapping, in written order (empty for anything else). */
    List<Located> children() {
        List<Located> children = new ArrayList<>();
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                children.add(child(e.getKey()));
            }
        }
        return children;
    }

    /** The last key of this field's path (the header name, the label key). */
    String key() {
        int slash = pointer.lastIndexOf('/');
        return pointer.substring(slash + 1).replace("~1", "/").replace("~0", "~");
    }

    /** What the node is, for messages: {@code the string "abc"}, {@code a list}, ... */
    String describe() {
        if (node.isString()) {
            String text = node.asString();
            return "the string \"" + (text.length() > MAX_SHOWN ? text.substring(0, MAX_SHOWN) + "…" : text) + "\"";
        }
        if (node.isNumber()) {
            return "the number " + node.asString();
        }
        if (node.isBoolean()) {
            return "the boolean " + node.asString();
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isObject()) {
            return "a mapping";
        }
        return node.isNull() ? "null" : "nothing";
    }
}
