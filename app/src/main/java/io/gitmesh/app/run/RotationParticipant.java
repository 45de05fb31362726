package io.gitmesh.app.run;

import io.gitmesh.ca.Fingerprint;
import io.gitmesh.xds.secrets.SigningAuthority;

/**
 * A part of {@code gitmesh run} that hands out certificates or trust bundles of the mesh CA, and so
 * follows a root rotation ({@link RootRotationDriver}): it is given each stage's authority, and reports
 * what the stages wait for among what it serves.
 */
interface RotationParticipant {
    /**
     * Issues from {@code authority} and hands out its trust bundle from now on; certificates chaining to
     * another root than its signing root are renewed at once. Applying the same authority again changes
     * nothing more.
     */
    void use(SigningAuthority authority);

    /** How many of the peers it serves may still lack {@code root} in their trust bundle. */
    int peersWithout(Fingerprint root);

    /** How many certificates it handed out, and that may still be in use, chain to {@code root} and are live. */
    int liveCertificatesOf(Fingerprint root);
}
