package io.gitmesh.reconciler.compile;

import io.gitmesh.schema.SourceFiles;
import io.gitmesh.schema.kube.KubeObject;
import java.util.List;
import java.util.Objects;

/** What stands for the cluster when a revision compiles: Kubernetes objects from files, or read live. */
public sealed interface ClusterInput {
    /** No cluster: policy references are not checked against one. */
    ClusterInput NONE = new Files(new SourceFiles(List.of(), List.of()));

    /** Kubernetes objects in files ({@code --cluster FILE}, the demo, tests), read like policy files. */
    record Files(SourceFiles files) implements ClusterInput {
        public Files {
            Objects.requireNonNull(files, "files");
        }
    }

    /** Objects read from the API server (see {@code reconciler.kube.LiveCluster}), sorted by key. */
    record Live(List<KubeObject> objects) implements ClusterInput {
        public Live {
            objects = List.copyOf(objects);
        }
    }
}
