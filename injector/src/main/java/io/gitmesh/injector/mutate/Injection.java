package io.gitmesh.injector.mutate;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.List;
import java.util.Objects;

/** What {@link PodMutator#mutate} made of a pod. */
public sealed interface Injection {
    /**
     * The pod changed: injected, or (already injected offline) bound to its bootstrap Secret. The
     * metadata and spec are fresh objects, the caller's to keep.
     *
     * @param warnings for the person creating the pod (the webhook returns them as admission warnings)
     */
    record Injected(ObjectMeta metadata, PodSpec spec, List<String> warnings) implements Injection {
        public Injected {
            Objects.requireNonNull(metadata, "metadata");
            Objects.requireNonNull(spec, "spec");
            warnings = List.copyOf(warnings);
        }
    }

    /** The pod stays as it is, for this reason (opted out, host network, already injected, ...). */
    record NotInjected(String reason) implements Injection {
        public NotInjected {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The pod asks for something the injector cannot do: each problem says what and how to fix it. */
    record Refused(List<String> problems) implements Injection {
        public Refused {
            problems = List.copyOf(problems);
            if (problems.isEmpty()) {
                throw new IllegalArgumentException("a refusal needs a reason");
            }
        }
    }
}
