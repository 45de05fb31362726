package io.gitmesh.app.cli;

import io.gitmesh.reconciler.compile.RevisionCompiler;

/** The CLI's pipelines, for tests in other packages. */
public final class TestCompilers {
    private TestCompilers() {
    }

    public static RevisionCompiler continuous() {
        return Compilers.continuous();
    }
}
