package io.gitmesh.xds.secrets;

import io.envoyproxy.controlplane.cache.Resources.ResourceType;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.Secret;
import io.gitmesh.ca.Fingerprint;
import io.gitmesh.ca.IssuedCertificate;
import io.gitmesh.ca.LeafRequest;
import io.gitmesh.ca.rotation.RenewalPolicy;
import io.gitmesh.model.Identity;
import io.gitmesh.xds.Flavour;
import io.gitmesh.xds.ProxyConfig;
import io.gitmesh.xds.SnapshotGroup;
import io.gitmesh.xds.server.PublishResult;
import io.gitmesh.xds.server.XdsServer;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes to an {@link XdsServer} with the SDS secrets added (issue 5, Envoy delivery): each Envoy
 * group's config gets exactly two secrets, its own identity's workload certificate and key, and the trust
 * bundle with every root; never another identity's. One certificate is kept per identity that has an Envoy
 * group ({@link CertificateRenewer}); when one is renewed, or the authority changes (root rotation), the
 * last desired state is published again with the new secrets, and the server pushes only the groups
 * whose secrets changed.
 *
 * <p>Listeners, routes, clusters and endpoints pass through untouched, so they and their versions stay
 * byte-identical for the same input; secrets have their own version. Proxyless gRPC groups get no
 * secrets: they read certificate files (file_watcher).
 */
public final class SdsPublisher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SdsPublisher.class);

    private final XdsServer server;
    private final CertificateRenewer<Identity> certificates;

    /**
     * Guarded by {@code this}: the last desired state, without secrets, each identity's secret, and the
     * secrets' version of each Envoy group as last published.
     */
    private Map<SnapshotGroup, ProxyConfig> desired;
    private final Map<Identity, DeliveredSecret> secrets = new HashMap<>();
    private Map<SnapshotGroup, String> secretVersions = Map.of();

    /** A certificate and its secret, built once per certificate. */
    private volatile Duration lifetime;

    private record DeliveredSecret(IssuedCertificate certificate, Secret secret) {
    }

    /**
     * @param lifetime how long each workload certificate lives (MeshConfig, 24 h by default)
     * @param jitter   the source of renewal jitter
     */
    public SdsPublisher(XdsServer server, SigningAuthority authority, Duration lifetime, Clock clock,
            RandomGenerator jitter) {
        this.server = Objects.requireNonNull(server, "server");
        this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
        this.certificates = new CertificateRenewer<>(authority,
                identity -> LeafRequest.of(identity).withLifetime(this.lifetime), RenewalPolicy.DEFAULT, clock, jitter,
                this::certificatesChanged);
    }

    /**
     * The lifetime of the certificates issued from now on (the applied MeshConfig's
     * {@code certificates.workloadLifetime}); certificates already served keep theirs until renewed.
     */
    public void useLifetime(Duration next) {
        if (next.isNegative() || next.isZero()) {
            throw new IllegalArgumentException("a certificate lifetime must be positive, not " + next);
        }
        this.lifetime = next;
    }

    /**
     * Makes {@code configs}, with secrets added, the served state (see {@link XdsServer#publish}); the
     * future also fails when the CA could not issue a certificate.
     */
    public synchronized CompletableFuture<PublishResult> publish(Map<SnapshotGroup, ProxyConfig> configs) {
        desired = Map.copyOf(configs);
        try {
            return server.publish(withSecrets());
        } catch (RuntimeException issuingFailed) {
            return CompletableFuture.failedFuture(issuingFailed);
        }
    }

    /** Renews the certificates due by the clock now, rather than when the timer next wakes up. */
    public Set<Identity> renewDue() {
        return certificates.renewDue();
    }

    /** Issues from {@code next} from now on (a root rotation stage) and republishes every secret. */
    public void useAuthority(SigningAuthority next) {
        certificates.useAuthority(next);
    }

    /**
     * How many connected Envoy proxies have not yet accepted the secrets last published for their group:
     * after {@link #useAuthority}, the proxies that may still hold the previous trust bundle or present a
     * certificate of the previous signing root. Proxies of groups without secrets (proxyless gRPC, groups
     * nothing is published for) are not counted.
     */
    public int proxiesAwaitingSecrets() {
        Map<SnapshotGroup, String> published;
        synchronized (this) {
            published = secretVersions;
        }
        return (int) server.proxies().stream()
                .filter(proxy -> published.containsKey(proxy.group()))
                .filter(proxy -> proxy.ackedVersion(ResourceType.SECRET).filter(published.get(proxy.group())::equals)
                        .isEmpty())
                .count();
    }

    /** How many workload certificates held chain to {@code root} and have not expired. */
    public int liveCertificatesOf(Fingerprint root) {
        return certificates.liveCertificatesOf(root);
    }

    @Override
    public void close() {
        certificates.close();
    }

    private void certificatesChanged(Set<Identity> identities) {
        CompletableFuture<PublishResult> published;
        synchronized (this) {
            if (desired == null) {
                return;
            }
            published = server.publish(withSecrets());
        }
        published.whenComplete((result, failure) -> {
            if (failure != null && !(failure instanceof CancellationException)) {
                LOG.error("publishing renewed secrets of {} identities failed: {}", identities.size(), failure.toString());
            }
        });
    }

    private Map<SnapshotGroup, ProxyConfig> withSecrets() {
        List<Identity> identities = desired.keySet().stream()
                .filter(group -> group.flavour() == Flavour.ENVOY)
                .map(group -> new Identity(group.namespace(), group.serviceAccount()))
                .distinct()
                .toList();
        SortedMap<Identity, IssuedCertificate> held = certificates.retain(identities);
        secrets.keySet().retainAll(held.keySet());
        held.forEach((identity, certificate) -> {
            DeliveredSecret delivered = secrets.get(identity);
            if (delivered == null || !delivered.certificate().equals(certificate)) {
                secrets.put(identity, new DeliveredSecret(certificate,
                        SdsResources.workloadCertificate(identity, certificate)));
            }
        });
        Secret bundle = SdsResources.trustBundle(certificates.trustBundle());
        Map<SnapshotGroup, ProxyConfig> out = new HashMap<>();
        Map<SnapshotGroup, String> versions = new HashMap<>();
        desired.forEach((group, config) -> {
            if (group.flavour() != Flavour.ENVOY) {
                out.put(group, config);
                return;
            }
            ProxyConfig withSecrets = config.withSecrets(List.of(secrets.get(new Identity(group.namespace(),
                    group.serviceAccount())).secret(), bundle));
            out.put(group, withSecrets);
            versions.put(group, withSecrets.version(ResourceType.SECRET));
        });
        secretVersions = Map.copyOf(versions);
        return out;
    }
}
