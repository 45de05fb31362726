package io.gitmesh.model.compile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pcollections.HashTreePMap;
import org.pcollections.PMap;

/**
 * Immutable lists by key, persistent: {@link #edit} gives an editor whose result shares every list it
 * did not touch. The order of a list is the order its items were added in.
 */
final class ListsByKey<K, V> {
    private static final ListsByKey<?, ?> EMPTY = new ListsByKey<>(HashTreePMap.empty());

    private final PMap<K, List<V>> lists;

    private ListsByKey(PMap<K, List<V>> lists) {
        this.lists = lists;
    }

    @SuppressWarnings("unchecked") // holds nothing
    static <K, V> ListsByKey<K, V> empty() {
        return (ListsByKey<K, V>) EMPTY;
    }

    /** The list under {@code key}; empty when there is none. */
    List<V> get(K key) {
        return lists.getOrDefault(key, List.of());
    }

    Editor edit() {
        return new Editor();
    }

    /** Changes to some lists, each copied when first touched. */
    final class Editor {
        private final Map<K, List<V>> touched = new HashMap<>();

        /** The list under {@code key}, to change in place until {@link #done}. */
        List<V> list(K key) {
            return touched.computeIfAbsent(key, k -> new ArrayList<>(ListsByKey.this.get(k)));
        }

        boolean touched(K key) {
            return touched.containsKey(key);
        }

        /** The lists with the changes made (a list left empty is dropped). */
        ListsByKey<K, V> done() {
            PMap<K, List<V>> next = lists;
            for (Map.Entry<K, List<V>> entry : touched.entrySet()) {
                next = entry.getValue().isEmpty() ? next.minus(entry.getKey())
                        : next.plus(entry.getKey(), List.copyOf(entry.getValue()));
            }
            return new ListsByKey<>(next);
        }
    }
}
