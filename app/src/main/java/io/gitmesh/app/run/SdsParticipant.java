package io.gitmesh.app.run;

import io.gitmesh.ca.Fingerprint;
import io.gitmesh.xds.secrets.SdsPublisher;
import io.gitmesh.xds.secrets.SigningAuthority;
import java.util.Objects;

/**
 * The Envoy sidecars' SDS secrets following a root rotation. Once a stage is applied, every group's
 * latest secrets carry its bundle and a certificate of its signing root; a proxy that has not accepted
 * them yet may still hold the previous bundle and present its previous certificate, so it counts both as
 * a peer without the new root and as a live certificate of the old one.
 */
record SdsParticipant(SdsPublisher sds) implements RotationParticipant {
    SdsParticipant {
        Objects.requireNonNull(sds, "sds");
    }

    @Override
    public void use(SigningAuthority authority) {
        sds.useAuthority(authority);
    }

    @Override
    public int peersWithout(Fingerprint root) {
        return sds.proxiesAwaitingSecrets();
    }

    @Override
    public int liveCertificatesOf(Fingerprint root) {
        return sds.liveCertificatesOf(root) + sds.proxiesAwaitingSecrets();
    }
}
