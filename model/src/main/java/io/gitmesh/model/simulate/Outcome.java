package io.gitmesh.model.simulate;

/** What a simulation finds: a {@link Verdict}, or that the call names nothing in the mesh. */
public sealed interface Outcome permits Verdict, Unresolved {
}
