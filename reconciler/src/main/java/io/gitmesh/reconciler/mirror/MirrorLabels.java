package io.gitmesh.reconciler.mirror;

/** The label and annotations gitmesh puts on the objects it writes. */
public final class MirrorLabels {
    /** Ownership: only objects with {@code app.kubernetes.io/managed-by: gitmesh} are updated or pruned. */
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY_VALUE = "gitmesh";
    /** The full id of the commit the object was written from. */
    public static final String SOURCE_COMMIT = "gitmesh.io/source-commit";
    /** {@code file:line} of the document in that commit. */
    public static final String SOURCE_FILE = "gitmesh.io/source-file";
    /** The field manager gitmesh's writes are recorded under. */
    public static final String FIELD_MANAGER = "gitmesh";

    private MirrorLabels() {
    }
}
