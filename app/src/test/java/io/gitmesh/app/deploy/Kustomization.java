package io.gitmesh.app.deploy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * A kustomization.yaml of deploy/ as these manifests use it: {@code resources} (files, or folders with
 * their own kustomization) and {@code components}, and no transformer — so the objects it builds are
 * exactly the objects of the files it names. {@link #ALLOWED_FIELDS} holds that true: a kustomization
 * that grows a transformer (namePrefix, patches, labels…) fails here until this reader grows with it.
 */
record Kustomization(Path dir, String kind, List<String> resources, List<String> components) {
    static final List<String> ALLOWED_FIELDS = List.of("apiVersion", "kind", "resources", "components");
    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    Kustomization {
        resources = List.copyOf(resources);
        components = List.copyOf(components);
    }

    static Kustomization read(Path dir) {
        JsonNode root = YAML.readTree(DeployTree.read(dir.resolve(DeployTree.KUSTOMIZATION)));
        List<String> unexpected = root.propertyNames().stream().filter(f -> !ALLOWED_FIELDS.contains(f)).toList();
        if (!unexpected.isEmpty()) {
            throw new IllegalStateException(DeployTree.display(dir) + "/kustomization.yaml uses " + unexpected
                    + ": this reader knows only " + ALLOWED_FIELDS);
        }
        return new Kustomization(dir, root.path("kind").asString(), strings(root.path("resources")),
                strings(root.path("components")));
    }

    /** The objects `kustomize build` gives for this folder (folders named in resources are built first). */
    List<HasMetadata> build() {
        List<HasMetadata> objects = new ArrayList<>();
        for (String entry : resources) {
            Path target = dir.resolve(entry).normalize();
            if (Files.isDirectory(target)) {
                objects.addAll(read(target).build());
            } else {
                objects.addAll(StrictManifests.parse(DeployTree.display(target), DeployTree.read(target)));
            }
        }
        for (String component : components) {
            objects.addAll(read(dir.resolve(component).normalize()).build());
        }
        return objects;
    }

    private static List<String> strings(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(n -> out.add(n.asString()));
        return out;
    }
}
