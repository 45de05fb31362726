package io.gitmesh.xds.testing;

import io.gitmesh.ca.IssuedCertificate;
import io.gitmesh.ca.LeafRequest;
import io.gitmesh.ca.TrustBundle;
import io.gitmesh.ca.bc.BouncyCastleCertificateAuthority;
import io.gitmesh.ca.bc.CaMaterialGenerator;
import io.gitmesh.ca.bc.CaSettings;
import io.gitmesh.ca.store.WorkloadFiles;
import io.gitmesh.model.Identity;
import io.gitmesh.xds.secrets.SigningAuthority;
import io.gitmesh.xds.server.ServerTls;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** A fresh CA of our own (Bouncy Castle, ECDSA P-256) for tests that need real certificates. */
public final class TestCa {
    /** The identity the tests give the xDS server, with DNS name {@code localhost}. */
    public static final Identity CONTROL_PLANE = new Identity("gitmesh-system", "gitmesh");

    private final BouncyCastleCertificateAuthority authority;

    private TestCa(BouncyCastleCertificateAuthority authority) {
        this.authority = authority;
    }

    /** A new root for {@code cluster.local} on the system clock. */
    public static TestCa create() {
        return create("cluster.local", Clock.systemUTC());
    }

    public static TestCa create(String trustDomain, Clock clock) {
        SecureRandom random = new SecureRandom();
        return new TestCa(BouncyCastleCertificateAuthority.of(
                new CaMaterialGenerator(clock, random).generate(CaSettings.of(trustDomain)), clock, random));
    }

    public BouncyCastleCertificateAuthority authority() {
        return authority;
    }

    /** This CA announcing {@code bundle} (a root rotation stage). */
    public TestCa withTrustBundle(TrustBundle bundle) {
        return new TestCa(authority.withTrustBundle(bundle));
    }

    public SigningAuthority signing() {
        return new SigningAuthority(authority, authority.root());
    }

    public TrustBundle bundle() {
        return authority.trustBundle();
    }

    /** A certificate for {@code identity}, valid an hour, with a new key. */
    public IssuedCertificate issue(Identity identity) {
        return issue(identity, Duration.ofHours(1));
    }

    public IssuedCertificate issue(Identity identity, Duration lifetime) {
        return authority.issueWithNewKey(LeafRequest.of(identity).withLifetime(lifetime));
    }

    /** The xDS server's credentials: {@link #CONTROL_PLANE} with DNS name {@code localhost}, this CA's bundle. */
    public ServerTls serverTls() {
        return ServerTls.of(serverCertificate(), bundle());
    }

    /** A certificate for {@link #CONTROL_PLANE} with DNS name {@code localhost}. */
    public IssuedCertificate serverCertificate() {
        return authority.issueWithNewKey(LeafRequest.of(CONTROL_PLANE).withDnsNames(List.of("localhost")));
    }

    /** Writes cert.pem, key.pem and ca.pem of a new certificate for {@code identity} into {@code directory}. */
    public Path writeFiles(Path directory, Identity identity, Duration lifetime) {
        WorkloadFiles.write(directory, issue(identity, lifetime), bundle());
        return directory;
    }
}
