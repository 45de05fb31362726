package io.gitmesh.injector.secrets;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.SecretVolumeSource;
import io.fabric8.kubernetes.api.model.Volume;
import io.gitmesh.ca.Fingerprint;
import io.gitmesh.ca.IssuedCertificate;
import io.gitmesh.ca.TrustBundle;
import io.gitmesh.ca.Validity;
import io.gitmesh.ca.store.CertificateChains;
import io.gitmesh.ca.store.WorkloadFiles;
import io.gitmesh.injector.mutate.Annotations;
import io.gitmesh.injector.mutate.BootstrapSecret;
import io.gitmesh.injector.mutate.SidecarLayout;
import io.gitmesh.model.Identity;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The per-pod bootstrap Secret's shape, read and written as values: which Secret a pod mounts, and what it
 * holds — {@code bootstrap.json} (the pod's Envoy bootstrap), {@code cert.pem} (its client certificate and
 * intermediates), {@code key.pem} (PKCS#8) and {@code ca.pem} (the trust bundle), the names
 * {@link SidecarLayout#BOOTSTRAP_DIR} holds once mounted. Owned by its pod, so Kubernetes deletes it with the
 * pod. Pure.
 */
public final class BootstrapSecrets {
    /** Labels on every bootstrap Secret; the controller's Secret informer selects on them. */
    public static final Map<String, String> LABELS = Map.of("app.kubernetes.io/managed-by", "gitmesh",
            "app.kubernetes.io/component", "sidecar-bootstrap");
    /** When the certificate in the Secret expires, for people ({@code kubectl get secret -o yaml}). */
    public static final String NOT_AFTER_ANNOTATION = "gitmesh.io/certificate-not-after";
    /** The identity the certificate is for, for people. */
    public static final String SPIFFE_ID_ANNOTATION = "gitmesh.io/spiffe-id";
    private static final String DEFAULT_SERVICE_ACCOUNT = "default";

    private BootstrapSecrets() {
    }

    /** Whether the webhook injected the pod (it wrote {@link Annotations#INJECTED}). */
    public static boolean isInjected(Pod pod) {
        return Optional.ofNullable(pod.getMetadata()).map(ObjectMeta::getAnnotations)
                .filter(annotations -> annotations.containsKey(Annotations.INJECTED)).isPresent();
    }

    /** Phase Succeeded or Failed: the proxy has exited and needs no certificate any more. */
    public static boolean isFinished(Pod pod) {
        String phase = Optional.ofNullable(pod.getStatus()).map(PodStatus::getPhase).orElse("");
        return phase.equals("Succeeded") || phase.equals("Failed");
    }

    /**
     * The Secret the pod's {@link SidecarLayout#BOOTSTRAP_VOLUME} volume mounts; empty when it has none, or one
     * the webhook did not name (the placeholder, or a name without {@link BootstrapSecret#PREFIX}: the
     * controller writes no other Secrets, whatever a pod mounts).
     */
    public static Optional<String> secretName(Pod pod) {
        return Optional.ofNullable(pod.getSpec()).map(PodSpec::getVolumes).orElse(List.of()).stream()
                .filter(volume -> SidecarLayout.BOOTSTRAP_VOLUME.equals(volume.getName()))
                .map(Volume::getSecret)
                .filter(Objects::nonNull)
                .map(SecretVolumeSource::getSecretName)
                .filter(name -> name != null && name.startsWith(BootstrapSecret.PREFIX))
                .findFirst();
    }

    /** The pod's identity: its namespace and ServiceAccount ({@code default} when it names none). */
    public static Identity identity(Pod pod) {
        String serviceAccount = Optional.ofNullable(pod.getSpec()).map(PodSpec::getServiceAccountName)
                .filter(name -> !name.isBlank()).orElse(DEFAULT_SERVICE_ACCOUNT);
        return new Identity(pod.getMetadata().getNamespace(), serviceAccount);
    }

    /** The Secret for {@code pod}, holding {@code issued} (which must carry its key) and owned by the pod. */
    public static Secret build(Pod pod, String name, String bootstrapJson, IssuedCertificate issued,
            TrustBundle bundle) {
        String key = issued.privateKeyPem().orElseThrow(() -> new IllegalArgumentException(
                "a bootstrap Secret needs a certificate issued with a new key"));
        Map<String, String> data = new TreeMap<>();
        data.put(SidecarLayout.BOOTSTRAP_FILE, base64(bootstrapJson));
        data.put(WorkloadFiles.CERTIFICATE, base64(issued.certificateChainPem()));
        data.put(WorkloadFiles.PRIVATE_KEY, base64(key));
        data.put(WorkloadFiles.TRUST_BUNDLE, base64(bundle.pem()));
        return new SecretBuilder()
                .withNewMetadata()
                .withNamespace(pod.getMetadata().getNamespace())
                .withName(name)
                .withLabels(LABELS)
                .addToAnnotations(SPIFFE_ID_ANNOTATION, issued.spiffeId().uri())
                .addToAnnotations(NOT_AFTER_ANNOTATION, issued.validity().notAfter().toString())
                .withOwnerReferences(ownerReference(pod))
                .endMetadata()
                .withType("Opaque")
                .withData(data)
                .build();
    }

    /** What an existing Secret holds, for {@link SecretDecision}; never fails on a damaged Secret. */
    public static StoredSecret read(Secret secret, String podName) {
        Map<String, String> labels = Optional.ofNullable(secret.getMetadata().getLabels()).orElse(Map.of());
        boolean managed = labels.entrySet().containsAll(LABELS.entrySet());
        Optional<String> ownerUid = Optional.ofNullable(secret.getMetadata().getOwnerReferences()).orElse(List.of())
                .stream()
                .filter(owner -> "Pod".equals(owner.getKind()) && podName.equals(owner.getName()))
                .map(OwnerReference::getUid)
                .findFirst();
        Map<String, String> data = Optional.ofNullable(secret.getData()).orElse(Map.of());
        Optional<String> bundle = decoded(data, WorkloadFiles.TRUST_BUNDLE);
        Optional<StoredSecret.Certificate> certificate = decoded(data, WorkloadFiles.CERTIFICATE)
                .flatMap(chain -> bundle.flatMap(roots -> certificate(chain, roots)));
        return new StoredSecret(managed, ownerUid, decoded(data, SidecarLayout.BOOTSTRAP_FILE), bundle, certificate);
    }

    /** The roots a {@code ca.pem} holds; none when it cannot be read. */
    public static Set<Fingerprint> roots(String trustBundlePem) {
        try {
            return CertificateChains.parse(trustBundlePem).stream().map(Fingerprint::of)
                    .collect(Collectors.toUnmodifiableSet());
        } catch (IllegalArgumentException e) {
            return Set.of();
        }
    }

    private static OwnerReference ownerReference(Pod pod) {
        // not a controller reference, and no blockOwnerDeletion: that would need update on pods/finalizers
        return new OwnerReferenceBuilder().withApiVersion("v1").withKind("Pod")
                .withName(pod.getMetadata().getName()).withUid(pod.getMetadata().getUid()).build();
    }

    private static Optional<StoredSecret.Certificate> certificate(String chainPem, String bundlePem) {
        try {
            List<X509Certificate> chain = CertificateChains.parse(chainPem);
            if (chain.isEmpty()) {
                return Optional.empty();
            }
            return CertificateChains.issuerOf(chain.getLast(), CertificateChains.parse(bundlePem))
                    .map(root -> new StoredSecret.Certificate(Fingerprint.of(root), Validity.of(chain.getFirst())));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> decoded(Map<String, String> data, String field) {
        try {
            return Optional.ofNullable(data.get(field))
                    .map(value -> new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
