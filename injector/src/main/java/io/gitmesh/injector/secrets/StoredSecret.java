package io.gitmesh.injector.secrets;

import io.gitmesh.ca.Fingerprint;
import io.gitmesh.ca.Validity;
import java.util.Objects;
import java.util.Optional;

/**
 * What a pod's bootstrap Secret holds now, as far as deciding about it goes: never the key.
 *
 * @param managed      labelled as gitmesh's; a Secret that is not is never overwritten
 * @param ownerUid     the uid of the pod its ownerReference names; empty when it names none
 * @param bootstrap    {@code bootstrap.json}
 * @param trustBundle  {@code ca.pem}
 * @param certificate  the leaf in {@code cert.pem}, its root and validity; empty when it is missing, unreadable,
 *                     or chains to no root of the bundle beside it
 */
public record StoredSecret(boolean managed, Optional<String> ownerUid, Optional<String> bootstrap,
        Optional<String> trustBundle, Optional<Certificate> certificate) {
    /** The leaf's validity and the root (from {@code ca.pem}) that issued the top of its chain. */
    public record Certificate(Fingerprint root, Validity validity) {
        public Certificate {
            Objects.requireNonNull(root, "root");
            Objects.requireNonNull(validity, "validity");
        }
    }

    public StoredSecret {
        Objects.requireNonNull(ownerUid, "ownerUid");
        Objects.requireNonNull(bootstrap, "bootstrap");
        Objects.requireNonNull(trustBundle, "trustBundle");
        Objects.requireNonNull(certificate, "certificate");
    }
}
