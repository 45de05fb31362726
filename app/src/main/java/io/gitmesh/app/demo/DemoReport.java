package io.gitmesh.app.demo;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** A run of the demo's script: where its repository is, and how each step went. */
public record DemoReport(Path repository, List<StepResult> steps) {
    public DemoReport {
        Objects.requireNonNull(repository, "repository");
        steps = List.copyOf(steps);
    }

    /** Whether every step converged. */
    public boolean allConverged() {
        return steps.stream().allMatch(StepResult::converged);
    }
}
