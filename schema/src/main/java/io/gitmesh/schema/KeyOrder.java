package io.gitmesh.schema;

import io.gitmesh.schema.policy.Meta;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.RandomAccess;
import java.util.function.Function;

/**
 * Resources in the order of their {@link ResourceKey}s (kind, namespace, name), compared field by
 * field without building keys, each item's fields looked up once, and a list already in order only
 * copied: the policy of a revision is put in order when it is read and again each time a part of it
 * is kept.
 */
final class KeyOrder {
    private KeyOrder() {
    }

    /** A list in key order by construction: {@link #sorted} takes it as it is. */
    private static final class InOrder<T> extends AbstractList<T> implements RandomAccess {
        private final Object[] items;

        InOrder(Object[] items) {
            this.items = items;
        }

        @Override
        @SuppressWarnings("unchecked") // built from items of type T only
        public T get(int index) {
            return (T) items[index];
        }

        @Override
        public int size() {
            return items.length;
        }
    }

    /**
     * {@code items} in key order as a list, taking the array over: the caller put the items in order
     * and keeps no reference to the array.
     */
    static <T> List<T> inOrderOwning(Object[] items) {
        return new InOrder<>(items);
    }

    /** The items of {@code list} as an array, without a copy when it is a list in key order (never write to it). */
    static Object[] itemsOf(List<?> list) {
        return list instanceof InOrder<?> inOrder ? inOrder.items : list.toArray();
    }

    /** The order of {@link #sorted}, field by field, for binary searches in a sorted list. */
    static <T> Comparator<T> order(Function<? super T, String> kind, Function<? super T, Meta> meta) {
        return (a, b) -> {
            int order = kind.apply(a).compareTo(kind.apply(b));
            if (order != 0) {
                return order;
            }
            Meta ma = meta.apply(a);
            Meta mb = meta.apply(b);
            order = ma.namespace().compareTo(mb.namespace());
            return order != 0 ? order : ma.name().compareTo(mb.name());
        };
    }

    /** An unmodifiable list of {@code items} sorted by key; equal keys keep their order. */
    static <T> List<T> sorted(List<T> items, Function<? super T, String> kind, Function<? super T, Meta> meta) {
        if (items instanceof InOrder<T>) {
            return items;
        }
        int n = items.size();
        String[] kinds = new String[n];
        Meta[] metas = new Meta[n];
        boolean inOrder = true;
        for (int i = 0; i < n; i++) {
            T item = items.get(i);
            kinds[i] = kind.apply(item);
            metas[i] = meta.apply(item);
            inOrder = inOrder && (i == 0 || compare(kinds, metas, i - 1, i) <= 0);
        }
        if (inOrder) {
            return List.copyOf(items);
        }
        Integer[] order = new Integer[n];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> compare(kinds, metas, a, b));
        return Arrays.stream(order).map(items::get).toList();
    }

    private static int compare(String[] kinds, Meta[] metas, int a, int b) {
        int order = kinds[a].compareTo(kinds[b]);
        if (order == 0) {
            order = metas[a].namespace().compareTo(metas[b].namespace());
        }
        return order != 0 ? order : metas[a].name().compareTo(metas[b].name());
    }
}
