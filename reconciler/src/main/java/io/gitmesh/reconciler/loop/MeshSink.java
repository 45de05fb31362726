package io.gitmesh.reconciler.loop;

/**
 * Where a valid revision goes: the xDS server (wired by the app), a test's recorder. Called on the
 * reconcile thread, once per applied revision, never with an invalid one.
 */
@FunctionalInterface
public interface MeshSink {
    void publish(AppliedRevision revision);
}
