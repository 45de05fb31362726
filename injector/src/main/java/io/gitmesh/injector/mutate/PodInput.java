package io.gitmesh.injector.mutate;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A pod, or a workload's pod template, to inject; it is read, never changed.
 *
 * @param namespaceLabels the labels of the pod's namespace ({@link Annotations#INJECT} enrols it)
 * @param admissionUid    the AdmissionRequest's uid when the API server asks (names the bootstrap Secret of a
 *                        pod that has no name yet, see {@link BootstrapSecret}); empty offline
 */
public record PodInput(ObjectMeta metadata, PodSpec spec, Map<String, String> namespaceLabels,
        Optional<String> admissionUid) {
    /** The labels of a namespace enrolled for injection, as offline injection assumes. */
    public static final Map<String, String> ENROLLED_NAMESPACE = Map.of(Annotations.INJECT, Annotations.ENABLED);

    public PodInput {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(spec, "spec");
        namespaceLabels = Map.copyOf(namespaceLabels);
        Objects.requireNonNull(admissionUid, "admissionUid");
    }
}
