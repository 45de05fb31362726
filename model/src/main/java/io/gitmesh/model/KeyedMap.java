package io.gitmesh.model;

import java.util.AbstractMap;
import java.util.Collection;
import java.util.Comparator;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.pcollections.TreePMap;

/**
 * An immutable map, in key order, whose every value is filed under its own key ({@code keyOf}), made by
 * {@link Values#keyedBy} and {@link Values#keyedWith}. Persistent: a copy with a few entries put or
 * removed shares the rest with the original, so a mesh compiled from the one before costs what
 * changed, not what there is.
 */
final class KeyedMap<K extends Comparable<? super K>, V> extends AbstractMap<K, V> implements SortedMap<K, V> {
    private final TreePMap<K, V> entries;
    private final Function<? super V, ? extends K> keyOf;

    private KeyedMap(TreePMap<K, V> entries, Function<? super V, ? extends K> keyOf) {
        this.entries = entries;
        this.keyOf = keyOf;
    }

    /** Every value of {@code map} checked to be filed under {@code keyOf} of itself. */
    static <K extends Comparable<? super K>, V> KeyedMap<K, V> of(SortedMap<K, V> map,
            Function<? super V, ? extends K> keyOf, String what) {
        map.forEach((key, value) -> requireFiled(key, value, keyOf, what));
        return new KeyedMap<>(TreePMap.fromSortedMap(map), keyOf);
    }

    boolean keyedBy(Function<?, ?> function) {
        return keyOf == function;
    }

    /** This map without the {@code removed} keys, and with the {@code put} values filed under their keys. */
    KeyedMap<K, V> with(Collection<? extends V> put, Collection<? extends K> removed) {
        TreePMap<K, V> next = entries.minusAll(removed);
        for (V value : put) {
            next = next.plus(Objects.requireNonNull(keyOf.apply(value), "key"), value);
        }
        return new KeyedMap<>(next, keyOf);
    }

    private static <K, V> void requireFiled(K key, V value, Function<? super V, ? extends K> keyOf, String what) {
        Objects.requireNonNull(key, what);
        Objects.requireNonNull(value, what);
        if (!key.equals(keyOf.apply(value))) {
            throw new IllegalArgumentException("inconsistent " + what + ": " + keyOf.apply(value) + " filed under " + key);
        }
    }

    @Override
    public V get(Object key) {
        return entries.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return entries.containsKey(key);
    }

    @Override
    public int size() {
        return entries.size();
    }

    @Override
    public Set<Entry<K, V>> entrySet() {
        return entries.entrySet();
    }

    @Override
    public void forEach(BiConsumer<? super K, ? super V> action) {
        entries.forEach(action);
    }

    /** Null: the keys' natural order. */
    @Override
    public Comparator<? super K> comparator() {
        return null;
    }

    @Override
    public SortedMap<K, V> subMap(K fromKey, K toKey) {
        return entries.subMap(fromKey, toKey);
    }

    @Override
    public SortedMap<K, V> headMap(K toKey) {
        return entries.headMap(toKey);
    }

    @Override
    public SortedMap<K, V> tailMap(K fromKey) {
        return entries.tailMap(fromKey);
    }

    @Override
    public K firstKey() {
        return entries.firstKey();
    }

    @Override
    public K lastKey() {
        return entries.lastKey();
    }
}
