package io.gitmesh.reconciler.mirror;

import io.gitmesh.schema.ResourceKey;
import java.util.List;
import java.util.Objects;

/**
 * An object gitmesh wrote that was changed in the cluster since.
 *
 * @param fields    pointers of the fields that differ from git (empty when the object was deleted)
 * @param corrected whether the mirror puts it back ({@code correct} mode) or only reports it ({@code warn})
 */
public record Drift(ResourceKey key, Change change, List<String> fields, boolean corrected) {
    public enum Change {
        /** The object is gone. */
        DELETED,
        /** The ownership label was removed. */
        LABEL_REMOVED,
        /** Its spec, labels or annotations differ from git. */
        CHANGED
    }

    public Drift {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(change, "change");
        fields = List.copyOf(fields);
    }

    /** One line for the log and /status. */
    public String describe() {
        String what = switch (change) {
            case DELETED -> "was deleted in the cluster";
            case LABEL_REMOVED -> "lost its label " + MirrorLabels.MANAGED_BY + "=" + MirrorLabels.MANAGED_BY_VALUE
                    + " in the cluster";
            case CHANGED -> "was changed in the cluster at " + String.join(", ", fields);
        };
        return key + " " + what + (corrected ? "; put back as in git" : "; left as it is (drift mode warn)");
    }
}
