package io.gitmesh.model.simulate;

/** What a call's authority resolves to: a service port of the mesh, or why it resolves to none. */
sealed interface Resolution permits Destination, Resolution.Failed {
    record Failed(String reason) implements Resolution {
    }
}
