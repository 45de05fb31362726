package io.gitmesh.model;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Helpers for the model's values: immutable copies in a deterministic order (never a hash order),
 * and the checks their constructors share.
 */
public final class Values {
    private Values() {
    }

    /** The text, checked to be present and not empty. */
    public static String requireText(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        return value;
    }

    /** The port number, checked to be a TCP/UDP port (1–65535). */
    public static int requirePort(int port, String what) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(what + " must be a port number (1-65535), not " + port);
        }
        return port;
    }

    /**
     * An unmodifiable copy in natural order, without duplicates. Duplicates are found among
     * neighbours after sorting, so deep values are compared, never hashed. A list this method made
     * is taken as it is.
     */
    public static <T extends Comparable<? super T>> List<T> sortedSet(Collection<T> items) {
        if (items instanceof SortedList<T> sorted) {
            return sorted;
        }
        List<T> sorted = new ArrayList<>(items);
        sorted.forEach(Objects::requireNonNull);
        if (strictlyIncreasing(sorted)) {
            return new SortedList<>(sorted); // already a sorted set: no sort, no deep comparisons
        }
        sorted.sort(null);
        List<T> distinct = new ArrayList<>(sorted.size());
        for (T item : sorted) {
            if (distinct.isEmpty() || !distinct.getLast().equals(item)) {
                distinct.add(item);
            }
        }
        return new SortedList<>(distinct);
    }

    /** A list {@link #sortedSet} made: sorted, without duplicates, unmodifiable. */
    private static final class SortedList<T> extends AbstractList<T> implements RandomAccess {
        private final Object[] items;

        SortedList(List<T> items) {
            this.items = items.toArray();
        }

        @Override
        @SuppressWarnings("unchecked") // items holds the Ts it was made from
        public T get(int index) {
            return (T) items[index];
        }

        @Override
        public int size() {
            return items.length;
        }
    }

    private static <T extends Comparable<? super T>> boolean strictlyIncreasing(List<T> items) {
        for (int i = 1; i < items.size(); i++) {
            if (items.get(i - 1).compareTo(items.get(i)) >= 0) {
                return false;
            }
        }
        return true;
    }

    /** An unmodifiable copy sorted by key (iteration is always in key order). */
    public static <K extends Comparable<? super K>, V> SortedMap<K, V> sortedMap(Map<K, V> map) {
        TreeMap<K, V> copy;
        if (map instanceof SortedMap<K, V> sorted && sorted.comparator() == null) {
            map.forEach((k, v) -> {
                Objects.requireNonNull(k);
                Objects.requireNonNull(v);
            });
            copy = new TreeMap<>(sorted); // already in order: copied without comparing
        } else {
            copy = new TreeMap<>();
            map.forEach((k, v) -> copy.put(Objects.requireNonNull(k), Objects.requireNonNull(v)));
        }
        return Collections.unmodifiableSortedMap(copy);
    }

    /**
     * An unmodifiable map in key order whose every value is checked to be filed under
     * {@code keyOf} of itself; a map this method made with the same {@code keyOf} (the same
     * instance) is taken as it is, without checking it again.
     */
    public static <K extends Comparable<? super K>, V> SortedMap<K, V> keyedBy(Map<K, V> map,
            Function<? super V, ? extends K> keyOf, String what) {
        if (map instanceof KeyedMap<K, V> keyed && keyed.keyedBy(keyOf)) {
            return keyed;
        }
        return KeyedMap.of(sortedMap(map), keyOf, what);
    }

    /**
     * A map {@link #keyedBy} made, without the {@code removed} keys and with the {@code put} values
     * filed under their keys: only those are worked on, the rest is shared.
     *
     * @throws IllegalArgumentException when {@code map} was not made by {@link #keyedBy}
     */
    public static <K extends Comparable<? super K>, V> SortedMap<K, V> keyedWith(SortedMap<K, V> map,
            Collection<? extends V> put, Collection<? extends K> removed) {
        if (!(map instanceof KeyedMap<K, V> keyed)) {
            throw new IllegalArgumentException("not a map made by Values.keyedBy: " + map.getClass().getName());
        }
        return keyed.with(put, removed);
    }

    /** Whether the lists hold the very same instances in the same order (nothing is compared deeply). */
    public static boolean sameInstances(List<?> a, List<?> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != b.get(i)) {
                return false;
            }
        }
        return true;
    }

    /** Orders lists element by element; a list that is a prefix of another comes first. */
    public static <T extends Comparable<? super T>> Comparator<List<T>> lexicographic() {
        return (a, b) -> {
            for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
                int c = a.get(i).compareTo(b.get(i));
                if (c != 0) {
                    return c;
                }
            }
            return Integer.compare(a.size(), b.size());
        };
    }
}
