package io.gitmesh.reconciler.source;

/** How a newly resolved commit relates to the commit applied before it. */
public enum Ancestry {
    /** Nothing was applied before. */
    NO_PREVIOUS,
    /** The same commit as before. */
    SAME,
    /** The new commit descends from the previous one: history moved forward. */
    DESCENDANT,
    /**
     * The previous commit is not in the new commit's history: the branch was force-pushed, reset, or
     * the pinned tag or commit changed to another line of history.
     */
    NOT_DESCENDANT
}
