package io.gitmesh.schema.check;

import io.gitmesh.schema.CheckedPolicy;
import io.gitmesh.schema.ClusterCatalog;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A checked policy with what each of its documents was found to have, so that the next revision can
 * be checked from it ({@link PolicyChecker#checking(io.gitmesh.schema.PolicyRead, ClusterCatalog, PolicyChecking)}).
 * The next check takes the findings over and brings them up to date in place: a checking serves as
 * the one before once; checked from again, it has nothing to give, and the check starts from scratch.
 */
public final class PolicyChecking {
    private final CheckedPolicy checked;
    private final AtomicReference<DocumentFindings> findings;

    PolicyChecking(CheckedPolicy checked, DocumentFindings findings) {
        this.checked = Objects.requireNonNull(checked, "checked");
        this.findings = new AtomicReference<>(Objects.requireNonNull(findings, "findings"));
    }

    public CheckedPolicy checked() {
        return checked;
    }

    /** The findings, for the next check to bring up to date; empty when a check took them already. */
    Optional<DocumentFindings> takeFindings() {
        return Optional.ofNullable(findings.getAndSet(null));
    }
}
