package io.gitmesh.xds.secrets;

import io.gitmesh.ca.CertificateAuthority;
import io.gitmesh.ca.Fingerprint;
import java.util.Objects;

/**
 * A CA and the root its certificates chain to now. During a root rotation the owner swaps one for the
 * next ({@link CertificateRenewer#useAuthority}): a wider trust bundle, then a new signing root, then the
 * bundle without the old root; certificates chaining to a root other than {@code signingRoot} are renewed
 * at once.
 */
public record SigningAuthority(CertificateAuthority authority, Fingerprint signingRoot) {
    public SigningAuthority {
        Objects.requireNonNull(authority, "authority");
        Objects.requireNonNull(signingRoot, "signingRoot");
    }
}
