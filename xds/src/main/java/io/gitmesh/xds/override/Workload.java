package io.gitmesh.xds.override;

import java.util.Map;
import java.util.Objects;

/** A workload as an override's selector sees it: its namespace, its ServiceAccount (identity) and its labels. */
public record Workload(String namespace, String serviceAccount, Map<String, String> labels) {
    public Workload {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(serviceAccount, "serviceAccount");
        labels = Map.copyOf(labels);
    }

    /** {@code namespace/serviceAccount}, for messages. */
    public String describe() {
        return namespace + "/" + serviceAccount;
    }
}
