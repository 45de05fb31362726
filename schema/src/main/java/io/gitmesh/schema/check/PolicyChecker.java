package io.gitmesh.schema.check;

import io.gitmesh.schema.CheckedPolicy;
import io.gitmesh.schema.ClusterCatalog;
import io.gitmesh.schema.PolicyRead;
import java.util.Optional;

/**
 * The meaning of a revision's policy, beyond its schema: references resolve, namespaces agree,
 * weights make sense, regexes compile under RE2, and — when the cluster is known — the Services and
 * ServiceAccounts named exist. A document with an error is left out of the result, and so is every
 * document that depends on it; the rest is still checked and returned. One checker may check many
 * revisions, from several threads: it remembers which regexes compile.
 *
 * <p>A revision may be checked from the check of the revision before ({@link #checking(PolicyRead,
 * ClusterCatalog, PolicyChecking)}): only the documents that changed, and those whose findings depend
 * on them, are checked again. The result is the one a check from scratch gives.
 */
public final class PolicyChecker {
    private final Re2Syntax re2 = new Re2Syntax();

    public CheckedPolicy check(PolicyRead read, ClusterCatalog cluster) {
        return checking(read, cluster).checked();
    }

    /** The policy checked from scratch, with its findings for the next revision to be checked from. */
    public PolicyChecking checking(PolicyRead read, ClusterCatalog cluster) {
        DocumentFindings findings = new DocumentFindings(re2, cluster);
        findings.update(read.policies()); // from scratch it always succeeds
        return new PolicyChecking(findings.checked(read), findings);
    }

    /**
     * The policy checked from the check {@code last} of an earlier revision, taking its findings over
     * (see {@link PolicyChecking}); from scratch when {@code last} was checked against another cluster
     * instance, or a check took its findings already.
     */
    public PolicyChecking checking(PolicyRead read, ClusterCatalog cluster, PolicyChecking last) {
        Optional<DocumentFindings> taken = last.takeFindings();
        if (taken.isEmpty() || taken.get().cluster() != cluster || !taken.get().update(read.policies())) {
            return checking(read, cluster);
        }
        return new PolicyChecking(taken.get().checked(read), taken.get());
    }
}
