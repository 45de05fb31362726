package io.gitmesh.schema.jsonschema;

import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a CRD's structural OpenAPI v3 schema into JSON Schema (draft 2020-12). The keywords the SMI
 * and OSM CRDs use mean the same in both; the one change is that an object the CRD gives properties
 * for is closed ({@code additionalProperties: false}), because the API server prunes any other field
 * silently. A keyword this class does not know stops the generator, so that a changed CRD is looked
 * at rather than half translated.
 */
final class CrdSchemaConverter {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> SAME_MEANING = Set.of(
            "type", "description", "enum", "required", "minimum", "maximum", "minItems", "pattern", "default");
    private static final String PRESERVE_UNKNOWN = "x-kubernetes-preserve-unknown-fields";

    private CrdSchemaConverter() {
    }

    /** @param where the place in the CRD, for the message when a keyword is not supported */
    static ObjectNode convert(JsonNode openApi, String where) {
        ObjectNode out = NODES.objectNode();
        boolean keepsUnknownFields = false;
        for (Map.Entry<String, JsonNode> entry : openApi.properties()) {
            String keyword = entry.getKey();
            JsonNode value = entry.getValue();
            switch (keyword) {
                case "properties" -> {
                    ObjectNode properties = out.putObject("properties");
                    for (Map.Entry<String, JsonNode> p : value.properties()) {
                        properties.set(p.getKey(), convert(p.getValue(), where + "." + p.getKey()));
                    }
                }
                case "items" -> out.set("items", convert(value, where + "[]"));
                case "additionalProperties" ->
                        out.set(keyword, value.isBoolean() ? value : convert(value, where + ".*"));
                case PRESERVE_UNKNOWN -> keepsUnknownFields = value.asBoolean();
                default -> {
                    if (!SAME_MEANING.contains(keyword)) {
                        throw new IllegalArgumentException("OpenAPI keyword \"" + keyword + "\" at " + where
                                + " is not supported: decide what it means in JSON Schema and teach"
                                + " CrdSchemaConverter");
                    }
                    out.set(keyword, value.deepCopy());
                }
            }
        }
        if (out.has("properties") && !out.has("additionalProperties") && !keepsUnknownFields) {
            out.put("additionalProperties", false);
        }
        return out;
    }
}
