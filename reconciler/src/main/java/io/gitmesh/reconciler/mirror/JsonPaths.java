package io.gitmesh.reconciler.mirror;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Tree work for the mirror: where two trees differ, and finding, reading, setting and removing
 * members by RFC 6901 pointer segments.
 */
final class JsonPaths {
    private JsonPaths() {
    }

    /** Pointers (below {@code base}) where {@code actual} differs from {@code expected}, in tree order. */
    static List<String> differences(JsonNode expected, JsonNode actual, String base) {
        List<String> found = new ArrayList<>();
        collect(expected, actual, base, found);
        return found;
    }

    private static void collect(JsonNode expected, JsonNode actual, String at, List<String> found) {
        if (expected.equals(actual)) {
            return;
        }
        if (expected.isObject() && actual.isObject()) {
            expected.properties().forEach(e -> collect(e.getValue(), actual.path(e.getKey()),
                    at + "/" + escape(e.getKey()), found));
            actual.properties().stream().filter(e -> !expected.has(e.getKey()))
                    .forEach(e -> found.add(at + "/" + escape(e.getKey())));
        } else if (expected.isArray() && actual.isArray() && expected.size() == actual.size()) {
            for (int i = 0; i < expected.size(); i++) {
                collect(expected.get(i), actual.get(i), at + "/" + i, found);
            }
        } else {
            found.add(at.isEmpty() ? "/" : at);
        }
    }

    /** The concrete paths (segments) in {@code node} that {@code pattern} matches; {@code *} matches any member. */
    static List<List<String>> expand(JsonNode node, List<String> pattern) {
        if (pattern.isEmpty()) {
            return List.of(List.of());
        }
        String head = pattern.getFirst();
        List<String> rest = pattern.subList(1, pattern.size());
        List<String> names = new ArrayList<>();
        if (head.equals("*")) {
            if (node.isObject()) {
                node.propertyNames().forEach(names::add);
            } else if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    names.add(Integer.toString(i));
                }
            }
        } else if (child(node, head) != null) {
            names.add(head);
        }
        List<List<String>> paths = new ArrayList<>();
        for (String name : names) {
            for (List<String> tail : expand(child(node, name), rest)) {
                List<String> path = new ArrayList<>(tail.size() + 1);
                path.add(name);
                path.addAll(tail);
                paths.add(List.copyOf(path));
            }
        }
        return paths;
    }

    /** The node at {@code path}, or null. */
    static JsonNode at(JsonNode node, List<String> path) {
        JsonNode current = node;
        for (String segment : path) {
            current = current == null ? null : child(current, segment);
        }
        return current;
    }

    /** Replaces the value at {@code path} when its parent exists in {@code root}; returns whether it did. */
    static boolean set(JsonNode root, List<String> path, JsonNode value) {
        JsonNode parent = at(root, path.subList(0, path.size() - 1));
        String last = path.getLast();
        if (parent instanceof ObjectNode object) {
            object.set(last, value.deepCopy());
            return true;
        }
        if (parent instanceof ArrayNode array && index(last) >= 0 && index(last) < array.size()) {
            array.set(index(last), value.deepCopy());
            return true;
        }
        return false;
    }

    /** Removes the member at {@code path}; an array element becomes null so later indices keep their place. */
    static void remove(JsonNode root, List<String> path) {
        JsonNode parent = at(root, path.subList(0, path.size() - 1));
        String last = path.getLast();
        if (parent instanceof ObjectNode object) {
            object.remove(last);
        } else if (parent instanceof ArrayNode array && index(last) >= 0 && index(last) < array.size()) {
            array.set(index(last), JsonNodeFactory.instance.nullNode());
        }
    }

    /** The segments of an RFC 6901 pointer, unescaped. */
    static List<String> segments(String pointer) {
        if (pointer.isEmpty()) {
            return List.of();
        }
        return java.util.Arrays.stream(pointer.substring(1).split("/", -1))
                .map(s -> s.replace("~1", "/").replace("~0", "~")).toList();
    }

    static String escape(String segment) {
        return segment.replace("~", "~0").replace("/", "~1");
    }

    private static JsonNode child(JsonNode node, String segment) {
        if (node.isObject()) {
            return node.get(segment);
        }
        if (node.isArray()) {
            int i = index(segment);
            return i >= 0 && i < node.size() ? node.get(i) : null;
        }
        return null;
    }

    private static int index(String segment) {
        return segment.matches("0|[1-9][0-9]{0,8}") ? Integer.parseInt(segment) : -1;
    }
}
