package io.gitmesh.injector.secrets;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.gitmesh.ca.CertificateAuthority;
import io.gitmesh.ca.Fingerprint;
import io.gitmesh.ca.IssuedCertificate;
import io.gitmesh.ca.LeafRequest;
import io.gitmesh.ca.TrustBundle;
import io.gitmesh.ca.rotation.RenewalPlan;
import io.gitmesh.injector.bootstrap.SidecarBootstrap;
import io.gitmesh.injector.secrets.SecretDecision.PodFacts;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes, renews and deletes the per-pod bootstrap Secrets (issue 6 item 2, DESIGN.md §4): for each injected
 * pod, the Secret its bootstrap volume names, holding its Envoy bootstrap and a client certificate for its
 * ServiceAccount's SPIFFE ID, owned by the pod. Decisions are {@link SecretDecision}'s; this class reads the
 * API server, issues certificates and writes. Renewal times come from a {@link RenewalPlan} and the given
 * {@link Clock}: {@link #check} renews what is due. A write that fails is retried on the next check. A root
 * rotation swaps the authority ({@link #useAuthority}): every Secret gets the new trust bundle, and a
 * certificate of a root that no longer signs is renewed at once.
 *
 * <p>Thread-safe: every entry point is synchronized. {@link BootstrapSecretInformers} feeds it from informers
 * on one thread. Secret data is never logged.
 *
 * <p>API calls: {@code get} pods; {@code get}, {@code create}, {@code update} and {@code delete} secrets, in
 * the namespaces of injected pods.
 */
public final class BootstrapSecretController {
    private static final Logger LOG = LoggerFactory.getLogger(BootstrapSecretController.class);

    private final KubernetesClient client;
    private CertificateAuthority ca;
    private final SecretControllerSettings settings;
    private final Clock clock;
    private final RandomGenerator random;
    private final RenewalPlan<PodKey> plan;
    private final Set<PodKey> failed = new HashSet<>();
    /** The roots of the {@code ca.pem} each pod's Secret holds, as last read or written. */
    private final Map<PodKey, Set<Fingerprint>> trusted = new HashMap<>();
    /** The root that signs now, as last seen: of the latest certificate issued, or before any, the first tracked. */
    private Optional<Fingerprint> signingRoot = Optional.empty();

    /** @param random the jitter of renewal times (any generator; nothing secret is drawn from it) */
    public BootstrapSecretController(KubernetesClient client, CertificateAuthority ca,
            SecretControllerSettings settings, Clock clock, RandomGenerator random) {
        this.client = Objects.requireNonNull(client, "client");
        this.ca = Objects.requireNonNull(ca, "ca");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.plan = new RenewalPlan<>(settings.renewal());
    }

    /** A pod was added or changed: makes its Secret what it should be. Pods that are not injected are left alone. */
    public synchronized void podChanged(Pod pod) {
        if (!BootstrapSecrets.isInjected(pod)) {
            return;
        }
        PodKey key = PodKey.of(pod);
        Optional<String> secretName = BootstrapSecrets.secretName(pod);
        if (secretName.isEmpty()) {
            LOG.warn("pod {} is injected but mounts no bootstrap Secret named by gitmesh; its proxy cannot start", key);
            return;
        }
        try {
            reconcile(pod, key, secretName.get());
            failed.remove(key);
        } catch (RuntimeException e) {
            // the API server refused, the CA could not issue, or the pod's annotations make no bootstrap
            failed.add(key);
            LOG.warn("cannot write the bootstrap Secret {}/{} of pod {}: {} (retried on the next check)",
                    key.namespace(), secretName.get(), key,
                    e instanceof KubernetesClientException api ? apiFailure(api) : e.getMessage());
        }
    }

    /** A pod was deleted: deletes its Secret, unless it already belongs to a new pod of the same name. */
    public synchronized void podDeleted(Pod pod) {
        PodKey key = PodKey.of(pod);
        release(key);
        Optional<String> secretName = BootstrapSecrets.secretName(pod);
        if (secretName.isEmpty()) {
            return;
        }
        try {
            Optional<StoredSecret> stored = secret(key.namespace(), secretName.get())
                    .map(secret -> BootstrapSecrets.read(secret, key.name()));
            if (SecretDecision.deleteWhenGone(pod.getMetadata().getUid(), stored)) {
                client.secrets().inNamespace(key.namespace()).withName(secretName.get()).delete();
                LOG.info("deleted bootstrap secret {}/{} of deleted pod {}", key.namespace(), secretName.get(), key);
            }
        } catch (KubernetesClientException e) {
            // the ownerReference lets Kubernetes' garbage collector delete it all the same
            LOG.warn("cannot delete the bootstrap Secret {}/{} of deleted pod {}: {}", key.namespace(),
                    secretName.get(), key, apiFailure(e));
        }
    }

    /** A bootstrap Secret was deleted: writes it again if its pod still lives. */
    public synchronized void secretDeleted(Secret secret) {
        String namespace = secret.getMetadata().getNamespace();
        Optional.ofNullable(secret.getMetadata().getOwnerReferences()).orElse(List.of()).stream()
                .filter(owner -> "Pod".equals(owner.getKind()))
                .map(OwnerReference::getName)
                .findFirst()
                .ifPresent(podName -> refresh(new PodKey(namespace, podName)));
    }

    /** Renews the certificates that are due at the clock's time, and retries writes that failed. */
    public synchronized void check() {
        Instant now = clock.instant();
        Set<PodKey> keys = new TreeSet<>(signingRoot.map(root -> plan.due(now, root)).orElse(List.of()));
        keys.addAll(failed);
        keys.forEach(this::refresh);
    }

    /** When the next certificate comes due; empty when none is tracked. */
    public synchronized Optional<Instant> nextDue() {
        return signingRoot.flatMap(root -> plan.nextDue(clock.instant(), root));
    }

    /** How many pods' certificates are tracked for renewal. */
    public synchronized int tracked() {
        return plan.size();
    }

    /**
     * Issues from {@code next}, whose certificates chain to {@code signingRoot}, from now on (a root rotation
     * stage), and brings every Secret in line at once: its {@code ca.pem} becomes {@code next}'s trust bundle,
     * and a certificate chaining to another root than {@code signingRoot} is renewed. Writes that fail are
     * retried on the next check.
     */
    public synchronized void useAuthority(CertificateAuthority next, Fingerprint signingRoot) {
        ca = Objects.requireNonNull(next, "next");
        this.signingRoot = Optional.of(signingRoot);
        Set<PodKey> keys = new TreeSet<>(plan.keys());
        keys.addAll(failed);
        LOG.info("bootstrap secrets: issuing from root {}; bringing {} Secrets in line", signingRoot.shortForm(),
                keys.size());
        keys.forEach(this::refresh);
    }

    /** How many pods' Secrets hold a {@code ca.pem} without {@code root}, or could not be written. */
    public synchronized int secretsWithout(Fingerprint root) {
        return (int) (trusted.values().stream().filter(roots -> !roots.contains(root)).count()
                + failed.stream().filter(key -> !trusted.containsKey(key)).count());
    }

    /** How many pods' certificates chain to {@code root} and have not expired. */
    public synchronized int liveCertificatesOf(Fingerprint root) {
        return plan.liveCertificatesOf(root, clock.instant());
    }

    private void refresh(PodKey key) {
        Pod pod;
        try {
            pod = client.pods().inNamespace(key.namespace()).withName(key.name()).get();
        } catch (KubernetesClientException e) {
            LOG.warn("cannot read pod {}: {}", key, apiFailure(e));
            failed.add(key);
            return;
        }
        if (pod == null) {
            release(key);
            return;
        }
        podChanged(pod);
    }

    private void reconcile(Pod pod, PodKey key, String secretName) {
        Instant now = clock.instant();
        TrustBundle bundle = ca.trustBundle();
        String bootstrap = SidecarBootstrap.json(pod, settings.xdsHost(), settings.xdsPort());
        PodFacts facts = new PodFacts(pod.getMetadata().getUid(), BootstrapSecrets.isFinished(pod), bootstrap,
                bundle.pem(), Set.copyOf(bundle.fingerprints()));
        Optional<Secret> existing = secret(key.namespace(), secretName);
        Optional<StoredSecret> stored = existing.map(secret -> BootstrapSecrets.read(secret, key.name()));
        stored.flatMap(StoredSecret::certificate).ifPresent(certificate -> track(key, certificate));
        stored.flatMap(StoredSecret::trustBundle).ifPresent(pem -> trusted.put(key, BootstrapSecrets.roots(pem)));
        // a certificate of a root that no longer signs is due at once (stage 2 of a root rotation)
        Optional<Instant> due = plan.entry(key).map(entry -> signingRoot.map(root -> entry.dueAt(now, root))
                .orElse(entry.renewAt()));
        switch (SecretDecision.forLivePod(facts, stored, now, due)) {
            case SecretDecision.Write write -> write(pod, key, secretName, bootstrap, bundle, existing, write.reason());
            case SecretDecision.Keep keep -> {
                // tracked above
            }
            case SecretDecision.Leave leave -> release(key);
            case SecretDecision.Foreign foreign -> {
                release(key);
                LOG.warn("pod {} mounts Secret {}/{}, which exists and is not gitmesh's: it is left alone", key,
                        key.namespace(), secretName);
            }
        }
    }

    /** Tracks a stored certificate unless the plan already tracks that very one. */
    private void track(PodKey key, StoredSecret.Certificate certificate) {
        boolean tracked = plan.entry(key).filter(entry -> entry.validity().equals(certificate.validity())
                && entry.root().equals(certificate.root())).isPresent();
        if (!tracked) {
            plan.track(key, certificate.root(), certificate.validity(), random.nextDouble());
            signingRoot = signingRoot.or(() -> Optional.of(certificate.root()));
        }
    }

    private void write(Pod pod, PodKey key, String secretName, String bootstrap, TrustBundle bundle,
            Optional<Secret> existing, SecretDecision.Reason reason) {
        IssuedCertificate issued = ca.issueWithNewKey(LeafRequest.of(BootstrapSecrets.identity(pod))
                .withLifetime(settings.certificateLifetime()));
        Secret secret = BootstrapSecrets.build(pod, secretName, bootstrap, issued, bundle);
        if (existing.isPresent()) {
            update(secret, existing.get());
        } else {
            try {
                client.secrets().inNamespace(key.namespace()).resource(secret).create();
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw e;
                }
                // created meanwhile (by an earlier run of this controller, or another replica): replace it
                Secret current = secret(key.namespace(), secretName).orElseThrow(() -> e);
                if (!BootstrapSecrets.read(current, key.name()).managed()) {
                    LOG.warn("Secret {}/{} appeared and is not gitmesh's: it is left alone", key.namespace(),
                            secretName);
                    return;
                }
                update(secret, current);
            }
        }
        Fingerprint root = Fingerprint.of(issued.root());
        plan.track(key, root, issued.validity(), random.nextDouble());
        trusted.put(key, Set.copyOf(bundle.fingerprints()));
        signingRoot = Optional.of(root);
        LOG.info("wrote bootstrap secret {}/{} for pod {} ({}): {} until {}", key.namespace(), secretName, key,
                reason.description(), issued.spiffeId().uri(), issued.validity().notAfter());
    }

    private void release(PodKey key) {
        plan.release(key);
        failed.remove(key);
        trusted.remove(key);
    }

    private void update(Secret secret, Secret current) {
        secret.getMetadata().setResourceVersion(current.getMetadata().getResourceVersion());
        client.secrets().inNamespace(secret.getMetadata().getNamespace()).resource(secret).update();
    }

    private Optional<Secret> secret(String namespace, String name) {
        return Optional.ofNullable(client.secrets().inNamespace(namespace).withName(name).get());
    }

    private static String apiFailure(KubernetesClientException e) {
        return "HTTP " + e.getCode() + " " + Optional.ofNullable(e.getStatus()).map(Status::getMessage)
                .filter(message -> message != null && !message.isBlank()).orElse(e.getClass().getSimpleName());
    }
}
