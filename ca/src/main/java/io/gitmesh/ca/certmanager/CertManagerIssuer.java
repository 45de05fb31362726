package io.gitmesh.ca.certmanager;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.gitmesh.ca.CertificateAuthority;
import io.gitmesh.ca.CertificateSigningRequest;
import io.gitmesh.ca.IssuedCertificate;
import io.gitmesh.ca.LeafRequest;
import io.gitmesh.ca.Pem;
import io.gitmesh.ca.RejectedRequestException;
import io.gitmesh.ca.TrustBundle;
import io.gitmesh.model.SpiffeId;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link CertificateAuthority} whose certificates cert-manager signs. Each issuance creates a
 * {@code CertificateRequest} in the configured namespace, waits for cert-manager to sign it (an approver must
 * approve it first; cert-manager's own approves requests to its built-in issuers), reads the chain from
 * {@code status.certificate}, and deletes the request. Denied, failed, invalid or unanswered requests become
 * a {@link CertManagerException} that says why, and what to check.
 *
 * <p>Two differences from the built-in CA, both because cert-manager certifies what a CSR asks for:
 * {@link #issue} refuses a CSR unless it asks for exactly the request's SPIFFE ID and DNS names (instead of
 * ignoring its names), and every certificate that comes back is checked to be for the requested key and
 * SPIFFE ID. {@link #issueWithNewKey} generates the ECDSA P-256 key here and sends only a CSR: the key never
 * leaves the process.
 *
 * <p>Issuing blocks for a round trip through cert-manager (up to the timeout): use it where certificates are
 * made ahead of need, never in admission or another request path. Thread-safe.
 *
 * <p>API calls: {@code create}, {@code get}, {@code list}, {@code watch} and {@code delete} on
 * {@code certificaterequests.cert-manager.io} in the configured namespace.
 */
public final class CertManagerIssuer implements CertificateAuthority {
    private static final Logger LOG = LoggerFactory.getLogger(CertManagerIssuer.class);

    private final KubernetesClient client;
    private final CertManagerSettings settings;
    private final SecureRandom random;
    private final AtomicReference<TrustBundle> learnedBundle = new AtomicReference<>();

    public CertManagerIssuer(KubernetesClient client, CertManagerSettings settings, SecureRandom random) {
        this.client = Objects.requireNonNull(client, "client");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.random = Objects.requireNonNull(random, "random");
    }

    @Override
    public String trustDomain() {
        return settings.trustDomain();
    }

    /**
     * @throws RejectedRequestException when the CSR does not prove possession of its key, or asks for other
     *                                  names than the request's SPIFFE ID and DNS names
     * @throws CertManagerException     when cert-manager does not sign it
     */
    @Override
    public IssuedCertificate issue(LeafRequest request, CertificateSigningRequest csr) {
        WorkloadCsr.Requested requested = WorkloadCsr.read(csr);
        SpiffeId identity = request.identity().spiffeId(trustDomain());
        if (!requested.uris().equals(List.of(identity.uri()))
                || !Set.copyOf(requested.dnsNames()).equals(Set.copyOf(request.dnsNames()))) {
            throw new RejectedRequestException("cert-manager certifies the names a CSR asks for, so the CSR must ask"
                    + " for exactly the URI SAN " + identity.uri() + " and the DNS names " + request.dnsNames()
                    + "; it asks for URIs " + requested.uris() + " and DNS names " + requested.dnsNames());
        }
        return sign(request, identity, Pem.encode(Pem.CERTIFICATE_REQUEST, csr.der()), requested.publicKey(),
                Optional.empty());
    }

    /** @throws CertManagerException when cert-manager does not sign the request */
    @Override
    public IssuedCertificate issueWithNewKey(LeafRequest request) {
        SpiffeId identity = request.identity().spiffeId(trustDomain());
        KeyPair keys = WorkloadCsr.generateKey(random);
        String csr = WorkloadCsr.build(keys, identity, request.dnsNames(), random);
        return sign(request, identity, csr, SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()),
                Optional.of(keys.getPrivate()));
    }

    /**
     * The configured bundle; else every CA cert-manager has named in {@code status.ca} so far.
     *
     * @throws IllegalStateException when no bundle is configured and nothing has been issued yet
     */
    @Override
    public TrustBundle trustBundle() {
        return settings.trustBundle().or(() -> Optional.ofNullable(learnedBundle.get()))
                .orElseThrow(() -> new IllegalStateException("no trust bundle yet: cert-manager names its CA with the"
                        + " first certificate it signs (status.ca); configure the bundle to have it before"));
    }

    @Override
    public String toString() {
        return "CertManagerIssuer[" + trustDomain() + " issuer=" + settings.issuer() + " namespace="
                + settings.namespace() + "]";
    }

    private IssuedCertificate sign(LeafRequest request, SpiffeId identity, String csrPem, SubjectPublicKeyInfo key,
            Optional<PrivateKey> privateKey) {
        GenericKubernetesResource created;
        try {
            created = requests().resource(CertificateRequests.build(settings, identity, request.lifetime(), csrPem))
                    .create();
        } catch (KubernetesClientException e) {
            throw new CertManagerException("cannot create a CertificateRequest in namespace " + settings.namespace()
                    + ": " + apiFailure(e), e);
        }
        String where = "CertificateRequest " + settings.namespace() + "/" + created.getMetadata().getName();
        try {
            RequestOutcome outcome = RequestOutcome.of(awaitAnswer(created.getMetadata().getName(), where));
            return switch (outcome) {
                case RequestOutcome.Signed signed -> {
                    SignedChain chain = SignedChain.read(signed, where, settings.trustBundle(), trustDomain());
                    chain.requireFor(key, identity, where);
                    chain.learnedBundle().ifPresent(bundle -> learnedBundle.accumulateAndGet(bundle,
                            CertManagerIssuer::union));
                    LOG.info("cert-manager signed {} for {} notAfter={}", where, identity.uri(),
                            chain.leaf().getNotAfter().toInstant());
                    yield new IssuedCertificate(chain.leaf(), chain.chain(), privateKey);
                }
                case RequestOutcome.Refused refused -> throw new CertManagerException("cert-manager refused " + where
                        + " for " + identity.uri() + " (issuer " + settings.issuer() + "): " + refused.condition()
                        + " " + refused.reason() + (refused.message().isEmpty() ? "" : ": " + refused.message()));
                case RequestOutcome.Deleted deleted -> throw new CertManagerException(where
                        + " was deleted before cert-manager signed it");
                case RequestOutcome.Pending pending -> throw new IllegalStateException(where + " is still pending");
            };
        } finally {
            deleteQuietly(created.getMetadata().getName(), where);
        }
    }

    /** Every root of both, so that a CA cert-manager rotated in joins the roots it named before. */
    private static TrustBundle union(TrustBundle before, TrustBundle latest) {
        if (before == null) {
            return latest;
        }
        TrustBundle union = before;
        for (X509Certificate root : latest.roots()) {
            union = union.with(root);
        }
        return union;
    }

    private GenericKubernetesResource awaitAnswer(String name, String where) {
        try {
            return requests().withName(name).waitUntilCondition(
                    request -> !(RequestOutcome.of(request) instanceof RequestOutcome.Pending),
                    settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (KubernetesClientTimeoutException e) {
            throw new CertManagerException("cert-manager did not sign " + where + " within " + seconds()
                    + ": check that cert-manager is running, that the issuer " + settings.issuer()
                    + " exists and is Ready, and that requests to it are approved", e);
        } catch (KubernetesClientException e) {
            throw new CertManagerException("cannot watch " + where + ": " + apiFailure(e), e);
        }
    }

    private void deleteQuietly(String name, String where) {
        try {
            requests().withName(name).delete();
        } catch (KubernetesClientException e) {
            // the certificate is what matters; a leftover request is only clutter
            LOG.warn("cannot delete {}: {}", where, apiFailure(e));
        }
    }

    private NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList,
            Resource<GenericKubernetesResource>> requests() {
        return client.genericKubernetesResources(CertificateRequests.CONTEXT).inNamespace(settings.namespace());
    }

    private String seconds() {
        return settings.timeout().toMillis() % 1000 == 0 ? settings.timeout().toSeconds() + " s"
                : settings.timeout().toMillis() / 1000.0 + " s";
    }

    private String apiFailure(KubernetesClientException e) {
        String message = Optional.ofNullable(e.getStatus()).map(Status::getMessage)
                .filter(text -> text != null && !text.isBlank()).orElse(e.getClass().getSimpleName());
        String hint = switch (e.getCode()) {
            case 403 -> " (gitmesh's ServiceAccount needs create, get, list, watch and delete on"
                    + " certificaterequests.cert-manager.io in namespace " + settings.namespace() + ")";
            case 404 -> " (are cert-manager's CRDs installed?)";
            default -> "";
        };
        return "HTTP " + e.getCode() + " " + message + hint;
    }
}
