package io.gitmesh.reconciler.mirror;

import io.gitmesh.schema.ResourceKey;
import java.util.List;
import java.util.Objects;

/**
 * What the mirror will do to make the cluster match git, and what it found on the way.
 *
 * @param creates objects to create
 * @param updates objects to change, each from what the cluster holds to the target
 * @param deletes owned objects no longer in git
 * @param drift   changes made in the cluster to objects gitmesh wrote (corrected or only reported)
 * @param notices what the mirror leaves alone and why
 */
public record MirrorPlan(List<MirrorObject> creates, List<Update> updates, List<ResourceKey> deletes,
        List<Drift> drift, List<Notice> notices) {

    /** @param target what git says, with the cluster's values at excluded fields */
    public record Update(MirrorObject current, MirrorObject target) {
        public Update {
            Objects.requireNonNull(current, "current");
            Objects.requireNonNull(target, "target");
        }
    }

    public MirrorPlan {
        creates = List.copyOf(creates);
        updates = List.copyOf(updates);
        deletes = List.copyOf(deletes);
        drift = List.copyOf(drift);
        notices = notices.stream().sorted().toList();
    }
}
