package io.gitmesh.schema;

import io.gitmesh.schema.kube.KubeObject;
import io.gitmesh.schema.policy.MeshConfig;
import io.gitmesh.schema.policy.PolicyDocument;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * {@link PolicyReader#combine(List, CombinedReads)}: the files that changed since a combination folded
 * into it, instead of combining every file again, with work in proportion to the files that changed.
 * Only where the answer is plainly the same as a whole combination: the same paths, no resource dropped
 * as a duplicate before or after, and no MeshConfig among the changed files (the one-MeshConfig rule
 * looks across files); otherwise empty, and the caller combines every file.
 */
final class ReadFolding {
    private static final Comparator<PolicyDocument> DOCUMENT_ORDER =
            KeyOrder.order(PolicyDocument::kind, PolicyDocument::meta);
    private static final Comparator<KubeObject> OBJECT_ORDER = KeyOrder.order(KubeObject::kind, KubeObject::meta);

    private ReadFolding() {
    }

    /**
     * @param files  this revision's reads, in path order
     * @param before the last revision's reads and their combination
     */
    static Optional<CombinedReads> fold(List<FileRead> files, CombinedReads before) {
        if (!before.complete()) {
            return Optional.empty();
        }
        Optional<CombinedReads.Replaced> replaced = before.replacedBy(files);
        if (replaced.isEmpty()) {
            return Optional.empty();
        }
        if (replaced.get().isEmpty()) {
            return Optional.of(before);
        }
        List<FileRead> removed = replaced.get().before();
        List<FileRead> added = replaced.get().after();
        if (holdsMeshConfig(removed) || holdsMeshConfig(added)) {
            return Optional.empty();
        }
        PolicyRead combined = before.read();
        Optional<List<PolicyDocument>> documents = merge(combined.policies().documents(),
                all(removed, FileRead::policies), all(added, FileRead::policies), DOCUMENT_ORDER);
        Optional<List<KubeObject>> objects = merge(combined.clusterObjects(), all(removed, FileRead::clusterObjects),
                all(added, FileRead::clusterObjects), OBJECT_ORDER);
        if (documents.isEmpty() || objects.isEmpty()) {
            return Optional.empty();
        }
        Set<Diagnostic> gone = identitySet(all(removed, FileRead::diagnostics));
        List<Diagnostic> diagnostics = new ArrayList<>(combined.diagnostics().stream()
                .filter(d -> !gone.contains(d)).toList());
        diagnostics.addAll(all(added, FileRead::diagnostics));
        return Optional.of(new CombinedReads(files,
                new PolicyRead(new PolicySet(documents.get()), objects.get(), diagnostics), true));
    }

    private static boolean holdsMeshConfig(List<FileRead> files) {
        return files.stream().flatMap(f -> f.policies().stream()).anyMatch(MeshConfig.class::isInstance);
    }

    /**
     * {@code sorted} without {@code removed} and with {@code added}, in key order; empty when an added
     * item's key is taken by one that stays, or by another added item, or a removed one is not where
     * its key puts it. The items that stay are copied in runs, not one by one.
     */
    private static <T> Optional<List<T>> merge(List<T> sorted, List<T> removed, List<T> added, Comparator<T> order) {
        int[] leaving = new int[removed.size()];
        for (int k = 0; k < leaving.length; k++) {
            T item = removed.get(k);
            leaving[k] = Collections.binarySearch(sorted, item, order);
            if (leaving[k] < 0 || sorted.get(leaving[k]) != item) {
                return Optional.empty(); // not where the combination should hold it: combine every file
            }
        }
        Arrays.sort(leaving);
        List<T> arriving = new ArrayList<>(added);
        arriving.sort(order);
        int[] at = new int[arriving.size()];
        for (int j = 0; j < arriving.size(); j++) {
            if (j > 0 && order.compare(arriving.get(j - 1), arriving.get(j)) == 0) {
                return Optional.empty();
            }
            int found = Collections.binarySearch(sorted, arriving.get(j), order);
            if (found >= 0 && Arrays.binarySearch(leaving, found) < 0) {
                return Optional.empty();
            }
            at[j] = found >= 0 ? found : -found - 1;
        }
        Object[] from = KeyOrder.itemsOf(sorted);
        Object[] merged = new Object[from.length - leaving.length + arriving.size()];
        int read = 0;
        int written = 0;
        int l = 0;
        int j = 0;
        while (l < leaving.length || j < at.length) {
            int nextLeaving = l < leaving.length ? leaving[l] : from.length;
            int nextArriving = j < at.length ? at[j] : from.length;
            int stop = Math.min(nextLeaving, nextArriving);
            System.arraycopy(from, read, merged, written, stop - read);
            written += stop - read;
            read = stop;
            if (j < at.length && nextArriving <= nextLeaving) {
                merged[written++] = arriving.get(j++); // before the item at its place, which may be leaving
            } else {
                read++; // skip the leaving item
                l++;
            }
        }
        System.arraycopy(from, read, merged, written, from.length - read);
        return Optional.of(KeyOrder.inOrderOwning(merged));
    }

    private static <T> List<T> all(List<FileRead> files, Function<FileRead, List<T>> part) {
        return files.stream().flatMap(f -> part.apply(f).stream()).toList();
    }

    private static <T> Set<T> identitySet(List<T> items) {
        Set<T> set = Collections.newSetFromMap(new IdentityHashMap<>());
        set.addAll(items);
        return set;
    }
}
