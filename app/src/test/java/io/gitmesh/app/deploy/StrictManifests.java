package io.gitmesh.app.deploy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads Kubernetes manifests into fabric8's typed model, strictly: each document must be a kind fabric8
 * knows (no {@link GenericKubernetesResource} fallback), and no field may be unknown to it. Jackson 3 does
 * not fail on unknown properties by default; here it does, for the model classes without an any-setter,
 * and {@link UnknownFields} finds what the others put aside in their {@code additionalProperties}.
 */
final class StrictManifests {
    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization(
            JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build(), true);

    /** A manifest that is not a typed Kubernetes object without unknown fields. */
    static final class InvalidManifestException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InvalidManifestException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private StrictManifests() {
    }

    /**
     * @param source the file name, for messages
     * @throws InvalidManifestException naming the document and what is wrong with it
     */
    static List<HasMetadata> parse(String source, String yaml) {
        List<HasMetadata> objects = new ArrayList<>();
        int index = 0;
        for (JsonNode document : documents(source, yaml)) {
            index++;
            if (document == null || document.isNull() || document.isMissingNode()) {
                continue;
            }
            String where = source + " document " + index + " (" + document.path("kind").asString("?") + " "
                    + document.path("metadata").path("name").asString("?") + ")";
            KubernetesResource typed;
            try {
                typed = SERIALIZATION.unmarshal(document.toString(), KubernetesResource.class);
            } catch (RuntimeException e) {
                throw new InvalidManifestException(where + ": " + rootMessage(e), e);
            }
            if (!(typed instanceof HasMetadata object) || typed instanceof GenericKubernetesResource) {
                throw new InvalidManifestException(where + ": not a kind fabric8's model knows ("
                        + document.path("apiVersion").asString("?") + ")", null);
            }
            List<String> unknown = UnknownFields.in(typed);
            if (!unknown.isEmpty()) {
                throw new InvalidManifestException(where + ": unknown fields " + unknown, null);
            }
            objects.add(object);
        }
        return objects;
    }

    /** fabric8 wraps Jackson's exception in its own "An error has occurred."; the cause says what. */
    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root instanceof JacksonException jackson ? jackson.getOriginalMessage() : root.getMessage();
        return String.valueOf(message).lines().findFirst().orElse("");
    }

    private static List<JsonNode> documents(String source, String yaml) {
        try {
            return YAML.readValues(YAML.createParser(yaml), JsonNode.class).readAll();
        } catch (JacksonException e) {
            throw new InvalidManifestException(source + ": not YAML: " + e.getOriginalMessage(), e);
        }
    }
}
