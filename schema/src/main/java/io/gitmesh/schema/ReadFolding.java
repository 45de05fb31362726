package io.gitmesh.schema;

import io.gitmesh.schema.kube.KubeObject;
import io.gitmesh.schema.policy.MeshConfig;
import io.gitmesh.schema.policy.PolicyDocument;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * {@link PolicyReader#combine(List, List, PolicyRead)}: the files that changed since a combination
 * folded into it, instead of combining every file again. Only where the answer is plainly the same as a
 * whole combination: the same paths, no resource dropped as a duplicate before or after, and no
 * MeshConfig among the changed files (the one-MeshConfig rule looks across files); otherwise empty,
 * and the caller combines every file.
 */
final class ReadFolding {
    private ReadFolding() {
    }

    /**
     * @param files    this revision's reads, in path order
     * @param before   the reads {@code combined} was made of, in path order
     */
    static Optional<PolicyRead> fold(List<FileRead> files, List<FileRead> before, PolicyRead combined) {
        if (files.size() != before.size()) {
            return Optional.empty();
        }
        List<FileRead> removed = new ArrayList<>();
        List<FileRead> added = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            FileRead was = before.get(i);
            FileRead is = files.get(i);
            if (!was.path().equals(is.path())) {
                return Optional.empty();
            }
            if (was != is) {
                removed.add(was);
                added.add(is);
            }
        }
        if (removed.isEmpty()) {
            return Optional.of(combined);
        }
        if (!keptEverything(before, combined) || holdsMeshConfig(removed) || holdsMeshConfig(added)) {
            return Optional.empty();
        }
        Optional<List<PolicyDocument>> documents = merge(combined.policies().documents(),
                all(removed, FileRead::policies), all(added, FileRead::policies), PolicyDocument::key);
        Optional<List<KubeObject>> objects = merge(combined.clusterObjects(), all(removed, FileRead::clusterObjects),
                all(added, FileRead::clusterObjects), KubeObject::key);
        if (documents.isEmpty() || objects.isEmpty()) {
            return Optional.empty();
        }
        Set<Diagnostic> gone = identitySet(all(removed, FileRead::diagnostics));
        List<Diagnostic> diagnostics = new ArrayList<>(combined.diagnostics().stream()
                .filter(d -> !gone.contains(d)).toList());
        diagnostics.addAll(all(added, FileRead::diagnostics));
        return Optional.of(new PolicyRead(new PolicySet(KeyOrder.inOrder(documents.get())),
                KeyOrder.inOrder(objects.get()), diagnostics));
    }

    /** Whether the combination holds every document and object of its files: none was a duplicate. */
    private static boolean keptEverything(List<FileRead> files, PolicyRead combined) {
        int documents = files.stream().mapToInt(f -> f.policies().size()).sum();
        int objects = files.stream().mapToInt(f -> f.clusterObjects().size()).sum();
        return documents == combined.policies().documents().size() && objects == combined.clusterObjects().size();
    }

    private static boolean holdsMeshConfig(List<FileRead> files) {
        return files.stream().flatMap(f -> f.policies().stream()).anyMatch(MeshConfig.class::isInstance);
    }

    /**
     * {@code sorted} without {@code removed} and with {@code added}, in key order; empty when an added
     * item's key is taken by one that stays, or by another added item.
     */
    private static <T> Optional<List<T>> merge(List<T> sorted, List<T> removed, List<T> added,
            Function<T, ResourceKey> key) {
        Comparator<T> order = Comparator.comparing(key);
        BitSet leaving = new BitSet(sorted.size());
        for (T item : removed) {
            int found = Collections.binarySearch(sorted, item, order);
            if (found < 0 || sorted.get(found) != item) {
                return Optional.empty(); // not where the combination should hold it: combine every file
            }
            leaving.set(found);
        }
        List<T> arriving = new ArrayList<>(added);
        arriving.sort(order);
        int[] at = new int[arriving.size()];
        for (int j = 0; j < arriving.size(); j++) {
            if (j > 0 && order.compare(arriving.get(j - 1), arriving.get(j)) == 0) {
                return Optional.empty();
            }
            int found = Collections.binarySearch(sorted, arriving.get(j), order);
            if (found >= 0 && !leaving.get(found)) {
                return Optional.empty();
            }
            at[j] = found >= 0 ? found : -found - 1;
        }
        List<T> merged = new ArrayList<>(sorted.size() - leaving.cardinality() + arriving.size());
        int j = 0;
        for (int i = 0; i < sorted.size(); i++) {
            while (j < arriving.size() && at[j] == i) {
                merged.add(arriving.get(j++));
            }
            if (!leaving.get(i)) {
                merged.add(sorted.get(i));
            }
        }
        merged.addAll(arriving.subList(j, arriving.size()));
        return Optional.of(merged);
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
