package io.gitmesh.xds.override;

/**
 * A patch that cannot be applied, found deep inside a resource (an HTTP connection manager, a route
 * configuration); it becomes an {@link Outcome.Failed} in the step that applies the patch and never
 * leaves this package.
 */
final class PatchFailure extends Exception {
    private static final long serialVersionUID = 1L;

    PatchFailure(String message) {
        super(message, null, false, false);
    }
}
