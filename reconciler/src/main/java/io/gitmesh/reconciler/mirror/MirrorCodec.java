package io.gitmesh.reconciler.mirror;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.gitmesh.schema.ResourceKey;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Converts between fabric8's generic resources and the mirror's objects, and writes patches. */
final class MirrorCodec {
    private final KubernetesSerialization serialization;

    MirrorCodec(KubernetesSerialization serialization) {
        this.serialization = Objects.requireNonNull(serialization, "serialization");
    }

    static ResourceDefinitionContext context(SmiKind kind, String version) {
        return new ResourceDefinitionContext.Builder().withGroup(kind.group()).withVersion(version)
                .withKind(kind.kind()).withPlural(kind.plural()).withNamespaced(true).build();
    }

    /** The version part of {@code group/version}. */
    static String version(String apiVersion) {
        return apiVersion.substring(apiVersion.indexOf('/') + 1);
    }

    MirrorObject read(GenericKubernetesResource resource) {
        var metadata = resource.getMetadata();
        Object spec = resource.getAdditionalProperties().get("spec");
        JsonNode tree = spec == null ? JsonNodeFactory.instance.objectNode()
                : DesiredObjects.canonical(serialization.convertValue(spec, JsonNode.class));
        return new MirrorObject(new ResourceKey(resource.getKind(), metadata.getNamespace(), metadata.getName()),
                resource.getApiVersion(), orEmpty(metadata.getLabels()), orEmpty(metadata.getAnnotations()), tree);
    }

    GenericKubernetesResource write(MirrorObject object) {
        ObjectNode tree = JsonNodeFactory.instance.objectNode();
        tree.put("apiVersion", object.apiVersion());
        tree.put("kind", object.key().kind());
        ObjectNode metadata = tree.putObject("metadata");
        metadata.put("name", object.key().name());
        metadata.put("namespace", object.key().namespace());
        metadata.set("labels", strings(object.labels()));
        metadata.set("annotations", strings(object.annotations()));
        tree.set("spec", object.spec());
        return serialization.convertValue(tree, GenericKubernetesResource.class);
    }

    /**
     * A JSON patch (RFC 6902) from {@code current} to {@code target}: gitmesh's labels and annotations
     * that differ, the spec when it differs, and a test of the resourceVersion it was computed
     * against, so that a concurrent change makes it fail instead of being overwritten blindly. A JSON
     * patch rather than a merge patch, as a merge patch needs nulls to remove a spec field (fabric8's
     * mock also merges arrays where RFC 7386 replaces them).
     */
    String patch(MirrorObject current, MirrorObject target, String resourceVersion) {
        ArrayNode patch = JsonNodeFactory.instance.arrayNode();
        patch.addObject().put("op", "test").put("path", "/metadata/resourceVersion").put("value", resourceVersion);
        addChanged(patch, "/metadata/labels", current.labels(), target.labels());
        addChanged(patch, "/metadata/annotations", current.annotations(), target.annotations());
        if (!current.spec().equals(target.spec())) {
            patch.addObject().put("op", "add").put("path", "/spec").set("value", target.spec());
        }
        return patch.toString();
    }

    private static void addChanged(ArrayNode patch, String path, Map<String, String> current,
            Map<String, String> target) {
        if (current.isEmpty()) {
            patch.addObject().put("op", "add").put("path", path).set("value", strings(target));
            return;
        }
        target.forEach((key, value) -> {
            if (!value.equals(current.get(key))) {
                patch.addObject().put("op", "add").put("path", path + "/" + JsonPaths.escape(key)).put("value", value);
            }
        });
    }

    private static ObjectNode strings(Map<String, String> values) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        values.forEach(node::put);
        return node;
    }

    private static Map<String, String> orEmpty(Map<String, String> values) {
        return values == null ? Map.of() : values;
    }
}
