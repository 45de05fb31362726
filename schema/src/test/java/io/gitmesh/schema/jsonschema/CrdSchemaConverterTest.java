package io.gitmesh.schema.jsonschema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class CrdSchemaConverterTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static JsonNode convert(String openApi) {
        return CrdSchemaConverter.convert(JSON.readTree(openApi), "test");
    }

    @Test
    void closesEveryObjectTheCrdGivesPropertiesFor() {
        JsonNode schema = convert("""
                {"type": "object", "properties": {"spec": {"type": "object", "properties": {
                  "ports": {"type": "array", "items": {
                    "type": "object", "properties": {"port": {"type": "integer"}}}}}}}}
                """);

        assertThat(schema.at("/additionalProperties").asBoolean(true)).isFalse();
        assertThat(schema.at("/properties/spec/additionalProperties").asBoolean(true)).isFalse();
        assertThat(schema.at("/properties/spec/properties/ports/items/additionalProperties").asBoolean(true)).isFalse();
        assertThat(schema.at("/properties/spec/properties/ports/additionalProperties").isMissingNode())
                .as("a list is not an object").isTrue();
    }

    @Test
    void leavesOpenWhatTheCrdLeavesOpen() {
        JsonNode schema = convert("""
                {"type": "object", "properties": {
                  "free": {"type": "object", "x-kubernetes-preserve-unknown-fields": true,
                           "properties": {"a": {"type": "string"}}},
                  "limits": {"type": "object", "additionalProperties": true},
                  "labels": {"type": "object", "additionalProperties": {"type": "string"}}}}
                """);

        assertThat(schema.at("/properties/free/additionalProperties").isMissingNode()).isTrue();
        assertThat(schema.at("/properties/free/x-kubernetes-preserve-unknown-fields").isMissingNode()).isTrue();
        assertThat(schema.at("/properties/limits/additionalProperties").asBoolean(false)).isTrue();
        assertThat(schema.at("/properties/labels/additionalProperties/type").asString()).isEqualTo("string");
    }

    @Test
    void keepsTheKeywordsThatMeanTheSame() {
        JsonNode schema = convert("""
                {"type": "integer", "description": "port", "minimum": 1, "maximum": 65535, "default": 80}
                """);

        assertThat(schema).isEqualTo(JSON.readTree("""
                {"type": "integer", "description": "port", "minimum": 1, "maximum": 65535, "default": 80}
                """));
    }

    @Test
    void refusesAKeywordItDoesNotKnow() {
        assertThatThrownBy(() -> convert("""
                {"type": "object", "properties": {"port": {"x-kubernetes-int-or-string": true}}}
                """)).hasMessageContaining("\"x-kubernetes-int-or-string\" at test.port is not supported");
    }
}
