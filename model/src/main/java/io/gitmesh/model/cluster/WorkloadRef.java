package io.gitmesh.model.cluster;

import io.gitmesh.model.Values;
import java.util.Comparator;

/** A workload by namespace, kind (Deployment, StatefulSet, DaemonSet, Pod) and name. */
public record WorkloadRef(String namespace, String kind, String name) implements Comparable<WorkloadRef> {
    /** The kind of a bare Pod. */
    public static final String POD = "Pod";

    private static final Comparator<WorkloadRef> ORDER = Comparator.comparing(WorkloadRef::namespace)
            .thenComparing(WorkloadRef::kind)
            .thenComparing(WorkloadRef::name);

    public WorkloadRef {
        Values.requireText(namespace, "namespace");
        Values.requireText(kind, "kind");
        Values.requireText(name, "name");
    }

    /** {@code namespace/Kind/name}. */
    @Override
    public String toString() {
        return namespace + "/" + kind + "/" + name;
    }

    @Override
    public int compareTo(WorkloadRef o) {
        return ORDER.compare(this, o);
    }
}
