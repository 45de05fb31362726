package io.gitmesh.injector.mutate;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** Null-safe reads of fabric8's pod objects, whose absent lists and maps are null. */
final class Pods {
    private Pods() {
    }

    static Map<String, String> annotations(ObjectMeta metadata) {
        return metadata.getAnnotations() == null ? Map.of() : metadata.getAnnotations();
    }

    static List<Container> containers(PodSpec spec) {
        return spec.getContainers() == null ? List.of() : spec.getContainers();
    }

    static List<Container> initContainers(PodSpec spec) {
        return spec.getInitContainers() == null ? List.of() : spec.getInitContainers();
    }

    static List<Volume> volumes(PodSpec spec) {
        return spec.getVolumes() == null ? List.of() : spec.getVolumes();
    }

    /** The containers the app runs: its containers and its own native sidecars. */
    static List<Container> appContainers(PodSpec spec) {
        return Stream.concat(initContainers(spec).stream().filter(c -> "Always".equals(c.getRestartPolicy())),
                containers(spec).stream()).toList();
    }

    static Optional<Volume> volume(PodSpec spec, String name) {
        return volumes(spec).stream().filter(v -> name.equals(v.getName())).findFirst();
    }
}
