package io.gitmesh.model.diff;

import io.gitmesh.model.Identity;
import io.gitmesh.model.Values;
import java.util.List;

/**
 * What changes in the mesh from one revision to the next (DESIGN.md §1: {@code model.diff}). Built
 * by {@link Planner}; every list is in a deterministic order.
 *
 * @param changes   the resources added, removed or modified, by kind (in the order {@link Planner}
 *                  lists them), then by name
 * @param granted   the routes sources may use now and could not before, sorted
 * @param revoked   the routes sources could use before and may not now, sorted
 * @param weights   the backends whose share of a port's traffic moves: by port, then route (in the
 *                  order they are tried), then backend
 * @param workloads the identities whose proxy config changes, sorted
 */
public record Plan(List<ResourceChange> changes, List<AccessEntry> granted, List<AccessEntry> revoked,
        List<WeightChange> weights, List<Identity> workloads) {
    public Plan {
        changes = List.copyOf(changes);
        granted = Values.sortedSet(granted);
        revoked = Values.sortedSet(revoked);
        weights = List.copyOf(weights);
        workloads = Values.sortedSet(workloads);
    }

    /** Whether the two meshes are the same: nothing to apply. */
    public boolean isEmpty() {
        return changes.isEmpty() && granted.isEmpty() && revoked.isEmpty() && weights.isEmpty()
                && workloads.isEmpty();
    }
}
