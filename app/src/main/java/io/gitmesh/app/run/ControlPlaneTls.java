package io.gitmesh.app.run;

import io.gitmesh.ca.Fingerprint;
import io.gitmesh.ca.IssuedCertificate;
import io.gitmesh.ca.LeafRequest;
import io.gitmesh.ca.bc.BouncyCastleCertificateAuthority;
import io.gitmesh.ca.bc.CaMaterialGenerator;
import io.gitmesh.ca.bc.CaSettings;
import io.gitmesh.ca.rotation.CaState;
import io.gitmesh.ca.rotation.RenewalPolicy;
import io.gitmesh.ca.store.CaStore;
import io.gitmesh.model.Identity;
import io.gitmesh.schema.policy.MeshConfig;
import io.gitmesh.xds.secrets.CertificateRenewer;
import io.gitmesh.xds.secrets.SigningAuthority;
import io.gitmesh.xds.server.ServerTls;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CA side of {@code gitmesh run} over mTLS: the CA loaded from its store (created there on first
 * start) in the stage of a root rotation the store records, and the xDS server's own certificate, renewed
 * at about half its lifetime while serving. It follows a root rotation's stages like every
 * {@link RotationParticipant}: the server admits clients of the stage's trust bundle and presents a
 * certificate of the stage's signing root.
 */
final class ControlPlaneTls implements RotationParticipant, AutoCloseable {
    /** The control plane's own identity: its certificate's SPIFFE ID is {@code spiffe://<td>/ns/gitmesh-system/sa/gitmesh}. */
    static final Identity IDENTITY = new Identity("gitmesh-system", "gitmesh");

    private static final Logger LOG = LoggerFactory.getLogger(ControlPlaneTls.class);

    private final Clock clock;
    private final SecureRandom random;
    private final CaState loaded;
    private final ServerTls serverTls;
    private final CertificateRenewer<Identity> serverCertificate;
    private volatile SigningAuthority authority;

    private ControlPlaneTls(XdsSecurity.MutualTls settings, CaStore store, Clock clock) {
        this.clock = clock;
        this.random = drbg();
        this.loaded = store.loadOrCreate(() -> new CaMaterialGenerator(clock, random)
                .generate(CaSettings.of(settings.trustDomain())));
        if (!loaded.current().trustDomain().equals(settings.trustDomain())) {
            LOG.warn("the CA in {} is for trust domain {}, not {}: using the CA's", store.location(),
                    loaded.current().trustDomain(), settings.trustDomain());
        }
        this.authority = authorityOf(loaded);
        LeafRequest request = LeafRequest.of(IDENTITY).withLifetime(MeshConfig.DEFAULT_WORKLOAD_LIFETIME)
                .withDnsNames(List.of(settings.serverName()));
        this.serverCertificate = new CertificateRenewer<>(authority, identity -> request, RenewalPolicy.DEFAULT, clock,
                new SplittableRandom(random.nextLong()), this::renewed);
        IssuedCertificate certificate = serverCertificate.retain(List.of(IDENTITY)).get(IDENTITY);
        this.serverTls = ServerTls.of(certificate, authority.authority().trustBundle());
        LOG.info("xDS over mTLS: CA {} trustDomain={} {}; server {} dns={} until {}", store.location(),
                loaded.current().trustDomain(), loaded.rotation().describe(), certificate.spiffeId(),
                settings.serverName(), certificate.validity().notAfter());
    }

    /** @param store where the CA lives: {@code settings.caDirectory()}, or a Secret with {@code --cluster kube} */
    static ControlPlaneTls start(XdsSecurity.MutualTls settings, CaStore store, Clock clock) {
        return new ControlPlaneTls(settings, store, clock);
    }

    /** What the store held at start-up. */
    CaState loaded() {
        return loaded;
    }

    /** The CA and the root it signs with now. */
    SigningAuthority authority() {
        return authority;
    }

    /** The authority of {@code state}'s stage: its signer, announcing every root of the stage. */
    SigningAuthority authorityOf(CaState state) {
        BouncyCastleCertificateAuthority ca = BouncyCastleCertificateAuthority.of(state.signer(), clock, random)
                .withTrustBundle(state.trustBundle());
        return new SigningAuthority(ca, ca.root());
    }

    /** The xDS server's credentials. */
    ServerTls serverTls() {
        return serverTls;
    }

    /** Admits clients of the stage's bundle first, then presents a certificate of its signing root. */
    @Override
    public void use(SigningAuthority next) {
        authority = next;
        serverTls.updateTrustBundle(next.authority().trustBundle());
        serverCertificate.useAuthority(next);
    }

    @Override
    public int peersWithout(Fingerprint root) {
        return 0;
    }

    @Override
    public int liveCertificatesOf(Fingerprint root) {
        return serverCertificate.liveCertificatesOf(root);
    }

    @Override
    public void close() {
        serverCertificate.close();
    }

    private void renewed(Set<Identity> identities) {
        IssuedCertificate renewed = serverCertificate.retain(List.of(IDENTITY)).get(IDENTITY);
        serverTls.updateCertificate(renewed);
        LOG.info("renewed the xDS server certificate until {}", renewed.validity().notAfter());
    }

    /** A generator that does no IO once seeded, so that issuing never blocks (see the CA). */
    private static SecureRandom drbg() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }
}
