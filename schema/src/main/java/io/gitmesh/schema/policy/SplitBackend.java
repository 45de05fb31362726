package io.gitmesh.schema.policy;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A TrafficSplit backend: a Service in the split's namespace and its relative weight. Weights of
 * v1alpha1 are Kubernetes quantities ({@code 100m} = 0.1); later versions use integers.
 */
public record SplitBackend(String service, BigDecimal weight, String pointer) {
    public SplitBackend {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(weight, "weight");
        Objects.requireNonNull(pointer, "pointer");
    }
}
