package io.gitmesh.reconciler.mirror;

import io.gitmesh.schema.ResourceKey;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one applied revision wants in the cluster.
 *
 * @param commit  the full commit id the objects come from
 * @param objects the SMI objects to write, sorted by key
 * @param held    objects of the revision the mirror cannot write (no CRD, version not served): what the
 *                cluster holds under these keys is neither updated nor pruned
 * @param notices why each held object is held
 */
public record DesiredState(String commit, List<MirrorObject> objects, Set<ResourceKey> held, List<Notice> notices) {
    public DesiredState {
        Objects.requireNonNull(commit, "commit");
        objects = objects.stream().sorted(Comparator.comparing(MirrorObject::key)).toList();
        held = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(held));
        notices = notices.stream().sorted().toList();
    }
}
