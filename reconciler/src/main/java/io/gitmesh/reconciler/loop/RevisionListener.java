package io.gitmesh.reconciler.loop;

import java.util.Optional;

/**
 * Told what each reconcile pass did: the writers outside the loop (SMI objects in the cluster,
 * Kubernetes Events, commit statuses on the git host). Called on the reconcile thread after the
 * status is updated, once per pass; an implementation hands slow work to its own thread. Writers
 * keep what they are told while inactive (not the leader) and act on the latest when started.
 */
@FunctionalInterface
public interface RevisionListener {
    /**
     * @param outcome what the pass did
     * @param applied the revision and its files, present exactly when {@code outcome} is
     *                {@link Outcome.Applied}
     */
    void passed(Outcome outcome, Optional<AppliedSources> applied);
}
