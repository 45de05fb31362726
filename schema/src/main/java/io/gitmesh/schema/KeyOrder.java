package io.gitmesh.schema;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Resources in the order of their {@link ResourceKey}s, each key worked out once (a comparator over
 * {@code key()} would build two keys per comparison), and a list already in order only copied: the
 * policy of a revision is put in order when it is read and again each time a part of it is kept.
 */
final class KeyOrder {
    private KeyOrder() {
    }

    /** An unmodifiable list of {@code items} sorted by key; equal keys keep their order. */
    static <T> List<T> sorted(List<T> items, Function<? super T, ResourceKey> key) {
        int n = items.size();
        ResourceKey[] keys = new ResourceKey[n];
        boolean inOrder = true;
        for (int i = 0; i < n; i++) {
            keys[i] = key.apply(items.get(i));
            inOrder &= i == 0 || keys[i - 1].compareTo(keys[i]) <= 0;
        }
        if (inOrder) {
            return List.copyOf(items);
        }
        Integer[] order = new Integer[n];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparing(i -> keys[i]));
        return Arrays.stream(order).map(items::get).toList();
    }
}
