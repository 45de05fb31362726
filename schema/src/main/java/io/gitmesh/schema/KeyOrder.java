package io.gitmesh.schema;

import io.gitmesh.schema.policy.Meta;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Resources in the order of their {@link ResourceKey}s (kind, namespace, name), compared field by
 * field without building keys, and a list already in order only copied: the policy of a revision is
 * put in order when it is read and again each time a part of it is kept.
 */
final class KeyOrder {
    private KeyOrder() {
    }

    /** An unmodifiable list of {@code items} sorted by key; equal keys keep their order. */
    static <T> List<T> sorted(List<T> items, Function<? super T, String> kind, Function<? super T, Meta> meta) {
        Comparator<T> order = (a, b) -> compare(kind.apply(a), meta.apply(a), kind.apply(b), meta.apply(b));
        for (int i = 1; i < items.size(); i++) {
            if (order.compare(items.get(i - 1), items.get(i)) > 0) {
                @SuppressWarnings("unchecked")
                T[] copy = (T[]) items.toArray();
                Arrays.sort(copy, order);
                return List.of(copy);
            }
        }
        return List.copyOf(items);
    }

    private static int compare(String kindA, Meta a, String kindB, Meta b) {
        int order = kindA.compareTo(kindB);
        if (order == 0) {
            order = a.namespace().compareTo(b.namespace());
        }
        return order != 0 ? order : a.name().compareTo(b.name());
    }
}
