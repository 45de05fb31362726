package io.gitmesh.schema.jsonschema;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** How values and JSON Schema types are named in messages: in YAML terms (map, list), values quoted. */
final class ValueText {
    private static final int LONGEST_QUOTE = 60;

    private ValueText() {
    }

    /** A value with its kind, for "got …": {@code string "abc"}, {@code number 1.5}, {@code a list}. */
    static String got(JsonNode value) {
        if (value.isString()) {
            return "string " + literal(value);
        }
        if (value.isNumber()) {
            return "number " + literal(value);
        }
        if (value.isBoolean()) {
            return "boolean " + literal(value);
        }
        return literal(value);
    }

    /** A value as written: strings quoted (and shortened), collections named. */
    static String literal(JsonNode value) {
        if (value.isString()) {
            String text = value.asString();
            String shown = text.length() > LONGEST_QUOTE ? text.substring(0, LONGEST_QUOTE) + "…" : text;
            return "\"" + shown.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
        }
        if (value.isObject()) {
            return "a map";
        }
        if (value.isArray()) {
            return "a list";
        }
        if (value.isNull() || value.isMissingNode()) {
            return "null";
        }
        return value.asString();
    }

    /** The value of a {@code type} keyword (one name or a list of names) in words: {@code a string or null}. */
    static String types(JsonNode typeKeyword) {
        List<String> names = new ArrayList<>();
        if (typeKeyword.isArray()) {
            typeKeyword.forEach(t -> names.add(type(t.asString())));
        } else {
            names.add(type(typeKeyword.asString()));
        }
        return String.join(" or ", names);
    }

    private static String type(String jsonSchemaType) {
        return switch (jsonSchemaType) {
            case "object" -> "a map";
            case "array" -> "a list";
            case "string" -> "a string";
            case "number" -> "a number";
            case "integer" -> "an integer";
            case "boolean" -> "a boolean (true or false)";
            case "null" -> "null";
            default -> jsonSchemaType;
        };
    }

    /** The values of an {@code enum} keyword as a list people read: {@code *, GET, HEAD}. */
    static String choices(JsonNode enumKeyword) {
        List<String> values = new ArrayList<>();
        enumKeyword.forEach(v -> values.add(v.isString() ? v.asString() : literal(v)));
        return String.join(", ", values);
    }
}
