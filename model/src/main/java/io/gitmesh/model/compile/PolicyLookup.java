package io.gitmesh.model.compile;

import io.gitmesh.schema.policy.PolicyDocument;
import java.util.List;
import java.util.Optional;

/**
 * Documents of one kind found by namespace and name in a list in key order (as {@code PolicySet}
 * keeps them), by binary search: what the mesh compiler looks up when it compiles only what changed.
 */
final class PolicyLookup {
    private PolicyLookup() {
    }

    /** The documents of {@code namespace}, in key order. */
    static <T extends PolicyDocument> List<T> inNamespace(List<T> sorted, String namespace) {
        return sorted.subList(firstAtOrAfter(sorted, namespace, ""), firstAtOrAfter(sorted, namespace + '\0', ""));
    }

    /** The first document named {@code namespace/name} (the one a full compile would take). */
    static <T extends PolicyDocument> Optional<T> named(List<T> sorted, String namespace, String name) {
        int i = firstAtOrAfter(sorted, namespace, name);
        if (i < sorted.size() && sorted.get(i).meta().namespace().equals(namespace)
                && sorted.get(i).meta().name().equals(name)) {
            return Optional.of(sorted.get(i));
        }
        return Optional.empty();
    }

    /** The index of the first document whose namespace and name do not sort before these. */
    private static int firstAtOrAfter(List<? extends PolicyDocument> sorted, String namespace, String name) {
        int low = 0;
        int high = sorted.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            PolicyDocument document = sorted.get(middle);
            int order = document.meta().namespace().compareTo(namespace);
            if (order == 0) {
                order = document.meta().name().compareTo(name);
            }
            if (order < 0) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }
}
