package io.gitmesh.injector.webhook;

import io.gitmesh.injector.KubernetesJson;
import jakarta.json.Json;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import java.io.StringReader;
import tools.jackson.databind.JsonNode;

/**
 * Applies RFC 6902 patches with Eclipse Parsson's JSON-P implementation, independent of the code that
 * computes them (json-patch libraries for Java are built on Jackson 2; Parsson needs no Jackson at all).
 */
final class JsonPatches {
    private JsonPatches() {
    }

    static JsonNode apply(JsonNode document, JsonNode patch) {
        JsonStructure target = read(document.toString());
        JsonStructure result = Json.createPatch(read(patch.toString()).asJsonArray()).apply(target);
        return KubernetesJson.MAPPER.readTree(result.toString());
    }

    private static JsonStructure read(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.read();
        }
    }
}
