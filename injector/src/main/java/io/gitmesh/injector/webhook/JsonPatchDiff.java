package io.gitmesh.injector.webhook;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The RFC 6902 JSON Patch that turns one JSON document into another, with only {@code add},
 * {@code remove} and {@code replace} operations, paths escaped as RFC 6901 says ({@code ~0}, {@code ~1}).
 * <ul>
 *   <li>Objects: members removed, added or changed, in key order.</li>
 *   <li>Arrays whose elements are objects with distinct {@code name}s (containers, volumes, env, ports, as
 *       Kubernetes keys them), when the names both sides share are in the same order: elements paired by
 *       name, so inserting a container is one {@code add} and editing one changes only what changed.</li>
 *   <li>Other arrays: the common head and tail are kept; the middle is compared element by element when it
 *       has the same length on both sides, else replaced by removals and additions.</li>
 * </ul>
 * Applying the patch to {@code from} gives exactly {@code to}; the patch is minimal for what injection
 * does (insertions and edits), not in general.
 */
public final class JsonPatchDiff {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonPatchDiff() {
    }

    public static ArrayNode diff(JsonNode from, JsonNode to) {
        ArrayNode patch = NODES.arrayNode();
        diff("", from, to, patch);
        return patch;
    }

    private static void diff(String path, JsonNode from, JsonNode to, ArrayNode patch) {
        if (from.equals(to)) {
            return;
        }
        if (from.isObject() && to.isObject()) {
            diffObjects(path, (ObjectNode) from, (ObjectNode) to, patch);
        } else if (from.isArray() && to.isArray()) {
            diffArrays(path, (ArrayNode) from, (ArrayNode) to, patch);
        } else {
            patch.add(op("replace", path).set("value", to));
        }
    }

    private static void diffObjects(String path, ObjectNode from, ObjectNode to, ArrayNode patch) {
        Set<String> keys = new TreeSet<>(from.propertyNames());
        keys.addAll(to.propertyNames());
        for (String key : keys) {
            String child = path + "/" + escape(key);
            if (!to.has(key)) {
                patch.add(op("remove", child));
            } else if (!from.has(key)) {
                patch.add(op("add", child).set("value", to.get(key)));
            } else {
                diff(child, from.get(key), to.get(key), patch);
            }
        }
    }

    private static void diffArrays(String path, ArrayNode from, ArrayNode to, ArrayNode patch) {
        List<String> fromNames = names(from);
        List<String> toNames = names(to);
        if (fromNames != null && toNames != null && sharedInSameOrder(fromNames, toNames)) {
            diffByName(path, from, to, fromNames, toNames, patch);
            return;
        }
        int head = 0;
        while (head < from.size() && head < to.size() && from.get(head).equals(to.get(head))) {
            head++;
        }
        int tail = 0;
        while (tail < from.size() - head && tail < to.size() - head
                && from.get(from.size() - 1 - tail).equals(to.get(to.size() - 1 - tail))) {
            tail++;
        }
        int fromEnd = from.size() - tail;
        int toEnd = to.size() - tail;
        if (fromEnd - head == toEnd - head) {
            for (int i = head; i < fromEnd; i++) {
                diff(path + "/" + i, from.get(i), to.get(i), patch);
            }
            return;
        }
        for (int i = fromEnd - 1; i >= head; i--) {
            patch.add(op("remove", path + "/" + i));
        }
        for (int i = head; i < toEnd; i++) {
            patch.add(op("add", path + "/" + i).set("value", to.get(i)));
        }
    }

    /** Removes what {@code to} lacks (from the end), then walks {@code to}: adds what is new, diffs the rest. */
    private static void diffByName(String path, ArrayNode from, ArrayNode to, List<String> fromNames,
            List<String> toNames, ArrayNode patch) {
        Set<String> kept = new HashSet<>(toNames);
        Map<String, JsonNode> before = new HashMap<>();
        for (int i = from.size() - 1; i >= 0; i--) {
            if (kept.contains(fromNames.get(i))) {
                before.put(fromNames.get(i), from.get(i));
            } else {
                patch.add(op("remove", path + "/" + i));
            }
        }
        for (int i = 0; i < to.size(); i++) {
            JsonNode old = before.get(toNames.get(i));
            if (old == null) {
                patch.add(op("add", path + "/" + i).set("value", to.get(i)));
            } else {
                diff(path + "/" + i, old, to.get(i), patch);
            }
        }
    }

    /** The elements' {@code name}s, or null unless every element is an object with a distinct string name. */
    private static List<String> names(ArrayNode array) {
        List<String> names = new ArrayList<>(array.size());
        for (JsonNode element : array) {
            JsonNode name = element.path("name");
            if (!name.isString()) {
                return null;
            }
            names.add(name.asString());
        }
        return new HashSet<>(names).size() == names.size() ? names : null;
    }

    private static boolean sharedInSameOrder(List<String> from, List<String> to) {
        Set<String> inTo = new HashSet<>(to);
        Set<String> inFrom = new HashSet<>(from);
        return from.stream().filter(inTo::contains).toList().equals(to.stream().filter(inFrom::contains).toList());
    }

    private static ObjectNode op(String op, String path) {
        return NODES.objectNode().put("op", op).put("path", path);
    }

    /** An RFC 6901 reference token: {@code ~} as {@code ~0}, {@code /} as {@code ~1}. */
    static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
