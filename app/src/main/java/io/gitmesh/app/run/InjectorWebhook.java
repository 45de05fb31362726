package io.gitmesh.app.run;

import io.gitmesh.ca.Fingerprint;
import io.gitmesh.ca.IssuedCertificate;
import io.gitmesh.ca.LeafRequest;
import io.gitmesh.ca.rotation.RenewalPolicy;
import io.gitmesh.injector.mutate.InjectionSettings;
import io.gitmesh.injector.mutate.PodMutator;
import io.gitmesh.injector.webhook.AdmissionHandler;
import io.gitmesh.injector.webhook.CaBundlePublisher;
import io.gitmesh.injector.webhook.WebhookServer;
import io.gitmesh.model.Identity;
import io.gitmesh.reconciler.loop.AppliedSources;
import io.gitmesh.reconciler.loop.Outcome;
import io.gitmesh.reconciler.loop.RevisionListener;
import io.gitmesh.schema.policy.MeshConfig;
import io.gitmesh.xds.secrets.CertificateRenewer;
import io.gitmesh.xds.secrets.SigningAuthority;
import io.grpc.util.AdvancedTlsX509KeyManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sidecar injector's admission webhook inside {@code gitmesh run} ({@code --webhook-address}):
 * HTTPS with a certificate from the control plane's CA for the webhook Service's DNS names, renewed at
 * about half its lifetime without a restart; the CA bundle published into the
 * MutatingWebhookConfiguration at start-up and again at each stage of a root rotation (before the
 * certificate comes from a new root, and after the old root is dropped); and the sidecar settings of the
 * applied commit's MeshConfig (a revision that changes them changes the next injection, not running pods).
 */
final class InjectorWebhook implements RevisionListener, RotationParticipant, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InjectorWebhook.class);

    private final AdvancedTlsX509KeyManager keys = new AdvancedTlsX509KeyManager();
    private final CertificateRenewer<Identity> certificate;
    private final CaBundlePublisher publisher;
    private final WebhookServer server;
    private volatile PodMutator mutator = new PodMutator(InjectionSettings.DEFAULT);

    private InjectorWebhook(InetSocketAddress address, SigningAuthority authority, List<String> dnsNames,
            CaBundlePublisher publisher, Clock clock) throws IOException, GeneralSecurityException {
        LeafRequest request = LeafRequest.of(ControlPlaneTls.IDENTITY).withLifetime(MeshConfig.DEFAULT_WORKLOAD_LIFETIME)
                .withDnsNames(dnsNames);
        this.certificate = new CertificateRenewer<>(authority, identity -> request, RenewalPolicy.DEFAULT, clock,
                new SplittableRandom(), this::renewed);
        present(certificate.retain(List.of(ControlPlaneTls.IDENTITY)).get(ControlPlaneTls.IDENTITY));
        this.publisher = publisher;
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(new KeyManager[] {keys}, null, null);
        this.server = WebhookServer.start(address, tls, authority.authority().trustBundle().pem(),
                new AdmissionHandler(() -> mutator), publisher);
        LOG.info("injector webhook dns={}", dnsNames);
    }

    /** Starts serving and publishes the CA bundle. */
    static InjectorWebhook start(InetSocketAddress address, SigningAuthority authority, List<String> dnsNames,
            CaBundlePublisher publisher, Clock clock) throws IOException {
        try {
            return new InjectorWebhook(address, authority, dnsNames, publisher, clock);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot make a TLS context: " + e.getMessage(), e);
        }
    }

    InetSocketAddress address() {
        return server.address();
    }

    @Override
    public void passed(Outcome outcome, Optional<AppliedSources> applied) {
        applied.ifPresent(sources -> mutator = new PodMutator(InjectionSettings.from(sources.revision().compiled()
                .checked().policies().effectiveMeshConfig().sidecar())));
    }

    /** Publishes the stage's CA bundle, then serves a certificate of its signing root. */
    @Override
    public void use(SigningAuthority authority) {
        publisher.publish(authority.authority().trustBundle().pem());
        certificate.useAuthority(authority);
    }

    @Override
    public int peersWithout(Fingerprint root) {
        return 0;
    }

    @Override
    public int liveCertificatesOf(Fingerprint root) {
        return certificate.liveCertificatesOf(root);
    }

    @Override
    public void close() {
        server.close();
        certificate.close();
    }

    private void renewed(Set<Identity> identities) {
        present(certificate.retain(List.of(ControlPlaneTls.IDENTITY)).get(ControlPlaneTls.IDENTITY));
    }

    private void present(IssuedCertificate issued) {
        keys.updateIdentityCredentials(issued.presentedChain().toArray(X509Certificate[]::new),
                issued.privateKey().orElseThrow());
        LOG.info("injector webhook certificate until {}", issued.validity().notAfter());
    }
}
