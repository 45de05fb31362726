package io.gitmesh.app.cli;

import io.gitmesh.reconciler.compile.ParseCache;
import io.gitmesh.reconciler.compile.RevisionCompiler;
import io.gitmesh.schema.Limits;
import io.gitmesh.xds.override.OverrideCheck;
import java.util.List;

/** The revision pipeline as every command uses it: the policy rules plus the Envoy override check. */
final class Compilers {
    private Compilers() {
    }

    /** For commands that compile a revision once. */
    static RevisionCompiler oneShot() {
        return new RevisionCompiler(Limits.DEFAULT, null, List.of(new OverrideCheck()));
    }

    /** For {@code run}: revision after revision, re-parsing only changed files. */
    static RevisionCompiler continuous() {
        return new RevisionCompiler(Limits.DEFAULT, new ParseCache(), List.of(new OverrideCheck()));
    }
}
