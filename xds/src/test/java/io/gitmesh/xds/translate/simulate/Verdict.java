package io.gitmesh.xds.translate.simulate;

/** What the destination's side does with a call that reached it. */
public sealed interface Verdict permits Verdict.Admitted, Verdict.Denied {

    /**
     * The call reaches the application.
     *
     * @param policy the RBAC policy that allowed it
     * @param target the local cluster (sidecar) or the server's own services (gRPC)
     */
    record Admitted(String policy, String target) implements Verdict {
    }

    /** The call is refused: RBAC, no matching chain or listener, a TLS mismatch. */
    record Denied(String reason) implements Verdict {
    }
}
