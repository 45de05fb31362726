package io.gitmesh.injector.manifest;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.gitmesh.injector.KubernetesJson;
import io.gitmesh.injector.ReadProblems;
import io.gitmesh.injector.mutate.Injection;
import io.gitmesh.injector.mutate.PodInput;
import io.gitmesh.injector.mutate.PodMutator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Injects the pod of a manifest document: a Pod, or a workload's pod template ({@link WorkloadKind}).
 * Only the pod's {@code metadata} and {@code spec} are rewritten; the rest of the document is kept as it
 * was, and documents of other kinds come back unchanged. Offline there is no AdmissionRequest, so a
 * template's bootstrap Secret is the placeholder the webhook binds later.
 */
public final class ManifestInjector {
    private final PodMutator mutator;
    private final Map<String, String> namespaceLabels;

    /**
     * @param namespaceLabels the labels every document's namespace is taken to have
     *                        ({@link PodInput#ENROLLED_NAMESPACE} when injection was asked for explicitly)
     */
    public ManifestInjector(PodMutator mutator, Map<String, String> namespaceLabels) {
        this.mutator = Objects.requireNonNull(mutator, "mutator");
        this.namespaceLabels = Map.copyOf(namespaceLabels);
    }

    public ManifestInjection inject(JsonNode document) {
        Optional<WorkloadKind> kind = WorkloadKind.of(document.path("apiVersion").asString(""),
                document.path("kind").asString(""));
        if (kind.isEmpty()) {
            return new ManifestInjection.PassedThrough(document);
        }
        JsonNode pod = document.at(kind.get().podPointer());
        if (!pod.isObject() || !pod.path("spec").isObject()) {
            return new ManifestInjection.Refused(List.of("there is no pod spec at " + kind.get().podPointer()
                    + "/spec"));
        }
        ObjectMeta metadata;
        PodSpec spec;
        try {
            metadata = pod.path("metadata").isObject()
                    ? KubernetesJson.MAPPER.treeToValue(pod.get("metadata"), ObjectMeta.class) : new ObjectMeta();
        } catch (JacksonException e) {
            return unreadable(kind.get().podPointer() + "/metadata", e);
        }
        try {
            spec = KubernetesJson.MAPPER.treeToValue(pod.get("spec"), PodSpec.class);
        } catch (JacksonException e) {
            return unreadable(kind.get().podPointer() + "/spec", e);
        }
        return switch (mutator.mutate(new PodInput(metadata, spec, namespaceLabels, Optional.empty()))) {
            case Injection.Injected injected -> new ManifestInjection.Injected(
                    replacePod(document, kind.get().podPointer(), injected), injected.warnings());
            case Injection.NotInjected notInjected -> new ManifestInjection.Unchanged(document, notInjected.reason());
            case Injection.Refused refused -> new ManifestInjection.Refused(refused.problems());
        };
    }

    private static ManifestInjection unreadable(String pointer, JacksonException e) {
        return new ManifestInjection.Refused(List.of("the pod cannot be read: " + ReadProblems.describe(pointer, e)));
    }

    /** The document with the pod's metadata and spec replaced in place (a template without metadata gets it first). */
    private static JsonNode replacePod(JsonNode document, String podPointer, Injection.Injected injected) {
        JsonNode copy = document.deepCopy();
        ObjectNode pod = (ObjectNode) copy.at(podPointer);
        if (!pod.has("metadata")) {
            ObjectNode rest = pod.deepCopy();
            pod.removeAll().putNull("metadata");
            pod.setAll(rest);
        }
        pod.set("metadata", KubernetesJson.MAPPER.valueToTree(injected.metadata()));
        pod.set("spec", KubernetesJson.MAPPER.valueToTree(injected.spec()));
        return copy;
    }
}
