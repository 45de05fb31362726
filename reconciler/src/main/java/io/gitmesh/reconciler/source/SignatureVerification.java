package io.gitmesh.reconciler.source;

import java.nio.file.Path;
import java.util.Objects;

/** Whether a source checks the OpenPGP signature of the commit it resolves before it is applied. */
public sealed interface SignatureVerification {

    /** No check. */
    record Off() implements SignatureVerification {
    }

    /**
     * The resolved commit (the head of the branch, the tagged or pinned commit) must carry a valid
     * OpenPGP signature by one of the public keys in {@code trustedKeys} (an ASCII-armored or binary
     * keyring; subkeys count). Unsigned commits and commits signed by any other key are refused.
     */
    record Head(Path trustedKeys) implements SignatureVerification {
        public Head {
            Objects.requireNonNull(trustedKeys, "trustedKeys");
        }
    }
}
