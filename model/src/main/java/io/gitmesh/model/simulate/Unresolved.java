package io.gitmesh.model.simulate;

import io.gitmesh.model.Values;

/**
 * The call names a source or a destination the mesh does not have (a typo, most often), so there is
 * nothing to decide.
 *
 * @param reason for people, e.g. {@code no Service bookstore/bookstor in the mesh}
 */
public record Unresolved(String reason) implements Outcome {
    public Unresolved {
        Values.requireText(reason, "reason");
    }
}
