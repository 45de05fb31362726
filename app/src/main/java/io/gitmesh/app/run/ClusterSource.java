package io.gitmesh.app.run;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.gitmesh.schema.SourceFiles;
import java.util.Objects;
import java.util.function.Supplier;

/** Where {@code gitmesh run} learns the cluster from. */
public sealed interface ClusterSource {
    /** Kubernetes objects in files ({@code --cluster FILE}), read again on every pass. */
    record Files(Supplier<SourceFiles> files) implements ClusterSource {
        public Files {
            Objects.requireNonNull(files, "files");
        }
    }

    /** The API server ({@code --cluster kube}): informers, leader election and the writers. */
    record Kubernetes(KubernetesClient client, KubernetesRuntime.Settings settings) implements ClusterSource {
        public Kubernetes {
            Objects.requireNonNull(client, "client");
            Objects.requireNonNull(settings, "settings");
        }
    }
}
