package io.gitmesh.ca.store;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.gitmesh.ca.CaCredential;
import io.gitmesh.ca.CaMaterial;
import io.gitmesh.ca.Pem;
import io.gitmesh.ca.rotation.CaState;
import io.gitmesh.ca.rotation.RootRotation;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A CA kept in one Kubernetes Secret, for control-plane replicas that share no disk. The Secret is of type
 * {@code Opaque} and its fields are named like {@link FileCaStore}'s files — {@code root.pem},
 * {@code root-key.pem}, and with an intermediate {@code intermediate.pem}, {@code intermediate-key.pem};
 * during a root rotation also the new CA's {@code next-} fields and {@code rotation-stage} — so the Secret
 * mounted as a volume (mode 0600) is a directory {@link FileCaStore} reads. (Not {@code kubernetes.io/tls}:
 * that type holds one key pair, and a CA with an intermediate has two.)
 *
 * <p>Created with {@code create}: when two replicas start together both find no Secret, both generate a
 * CA, and the API server accepts exactly one {@code create}; the other gets 409 Conflict and
 * {@link #loadOrCreate} reads the winner's. A rotation {@link #replace replaces} the whole data in one
 * {@code update} carrying the {@code resourceVersion} it read, so a concurrent change makes it fail with
 * 409 rather than be overwritten; the update that settles a rotation also removes the replicas' reports on
 * it ({@link #ROTATION_REPORT_PREFIX}). On load each key must match its certificate.
 *
 * <p>API calls: {@code get}, {@code create} and {@code update} on {@code secrets}, in the configured
 * namespace only.
 */
public final class KubernetesSecretCaStore implements CaStore {
    /** Marks the Secret as gitmesh's, for {@code kubectl get secrets -l}. */
    public static final Map<String, String> LABELS = Map.of("app.kubernetes.io/managed-by", "gitmesh",
            "app.kubernetes.io/component", "ca");
    /**
     * Starts the annotation in which each replica of {@code gitmesh run} reports what it has applied of a root
     * rotation (written by the app's reports); settling a rotation removes them all.
     */
    public static final String ROTATION_REPORT_PREFIX = "gitmesh.io/rotation-report-";
    private static final List<String> FIELDS = RotationFields.NAMES;
    private static final Logger LOG = LoggerFactory.getLogger(KubernetesSecretCaStore.class);

    private final KubernetesClient client;
    private final String namespace;
    private final String name;

    public KubernetesSecretCaStore(KubernetesClient client, String namespace, String name) {
        this.client = Objects.requireNonNull(client, "client");
        this.namespace = requireName(namespace, "namespace");
        this.name = requireName(name, "name");
    }

    @Override
    public String location() {
        return "secret/" + namespace + "/" + name;
    }

    @Override
    public Optional<CaState> load() {
        Secret secret = secret();
        if (secret == null) {
            return Optional.empty();
        }
        Map<String, String> data = Optional.ofNullable(secret.getData()).orElse(Map.of());
        if (FIELDS.stream().noneMatch(data::containsKey)) {
            throw new CaStoreException(location() + " exists but holds no CA (none of the fields " + FIELDS
                    + "): it is not gitmesh's; configure another Secret name, or delete it to create a new CA");
        }
        return Optional.of(state(data));
    }

    @Override
    public boolean createIfAbsent(CaMaterial material) {
        Map<String, String> data = new TreeMap<>();
        putMaterial(data, "", material);
        Secret secret = new SecretBuilder()
                .withNewMetadata().withNamespace(namespace).withName(name).withLabels(LABELS).endMetadata()
                .withType("Opaque")
                .withData(data)
                .build();
        try {
            client.secrets().inNamespace(namespace).resource(secret).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
                LOG.info("CA secret {} was created by another replica first; using its CA", location());
                return false;
            }
            throw failure("cannot create", e);
        }
        LOG.info("created CA secret={} trustDomain={} root={} intermediate={}", location(), material.trustDomain(),
                material.root().fingerprint(),
                material.intermediate().map(i -> i.fingerprint().toString()).orElse("none"));
        return true;
    }

    @Override
    public boolean replace(RootRotation expected, CaState next) {
        Secret secret = secret();
        if (secret == null) {
            throw new CaStoreException(location() + " holds no CA");
        }
        CaState stored = state(Optional.ofNullable(secret.getData()).orElse(Map.of()));
        if (!stored.rotation().equals(expected)) {
            return false;
        }
        if (RotationFields.change(stored, next) == RotationFields.Change.NONE) {
            return true;
        }
        Map<String, String> data = new TreeMap<>();
        putMaterial(data, "", next.current());
        next.next().ifPresent(material -> putMaterial(data, RotationFields.NEXT_PREFIX, material));
        if (next.next().isPresent()) {
            data.put(RotationFields.STAGE, base64(next.stage().label() + "\n"));
        }
        try {
            // the resourceVersion read above makes the API server refuse the update if anyone wrote since
            client.secrets().inNamespace(namespace).resource(withoutReportsIfSettled(secret, next).withData(data)
                    .build()).update();
        } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
                LOG.info("CA secret {} was changed by someone else meanwhile; not replaced", location());
                return false;
            }
            throw failure("cannot update", e);
        }
        LOG.info("CA secret={} root rotation: {}", location(), next.rotation().describe());
        return true;
    }

    /** Whether {@code secret}, as read, holds a root rotation in progress (its stage field is there). */
    public static boolean holdsRotation(Secret secret) {
        return secret.getData() != null && secret.getData().containsKey(RotationFields.STAGE);
    }

    /** The Secret to update; once {@code next} is settled, without the replicas' reports on the rotation. */
    private static SecretBuilder withoutReportsIfSettled(Secret secret, CaState next) {
        SecretBuilder builder = new SecretBuilder(secret);
        Map<String, String> annotations = secret.getMetadata().getAnnotations();
        if (next.next().isEmpty() && annotations != null) {
            Map<String, String> kept = new TreeMap<>(annotations);
            kept.keySet().removeIf(key -> key.startsWith(ROTATION_REPORT_PREFIX));
            builder.editMetadata().withAnnotations(kept).endMetadata();
        }
        return builder;
    }

    private Secret secret() {
        try {
            return client.secrets().inNamespace(namespace).withName(name).get();
        } catch (KubernetesClientException e) {
            throw failure("cannot read", e);
        }
    }

    private CaState state(Map<String, String> data) {
        Optional<String> stage = data.containsKey(RotationFields.STAGE)
                ? Optional.of(decoded(data, RotationFields.STAGE)) : Optional.empty();
        return RotationFields.read(field(RotationFields.STAGE), stage, () -> material(data, ""),
                () -> material(data, RotationFields.NEXT_PREFIX));
    }

    /** The CA under the fields with {@code prefix}: {@code ""} for the one in place, {@code next-} for a new root. */
    private CaMaterial material(Map<String, String> data, String prefix) {
        CaCredential root = credential(data, prefix + FileCaStore.ROOT_CERTIFICATE, prefix + FileCaStore.ROOT_KEY);
        Optional<CaCredential> intermediate = data.containsKey(prefix + FileCaStore.INTERMEDIATE_CERTIFICATE)
                || data.containsKey(prefix + FileCaStore.INTERMEDIATE_KEY)
                ? Optional.of(credential(data, prefix + FileCaStore.INTERMEDIATE_CERTIFICATE,
                        prefix + FileCaStore.INTERMEDIATE_KEY))
                : Optional.empty();
        try {
            return new CaMaterial(root, intermediate);
        } catch (IllegalArgumentException e) {
            throw new CaStoreException(location() + " does not hold a usable " + (prefix.isEmpty() ? "CA" : "new root")
                    + ": " + e.getMessage());
        }
    }

    private static void putMaterial(Map<String, String> data, String prefix, CaMaterial material) {
        data.put(prefix + FileCaStore.ROOT_CERTIFICATE, base64(Pem.certificates(List.of(material.root().certificate()))));
        data.put(prefix + FileCaStore.ROOT_KEY, base64(Pem.privateKey(material.root().key())));
        material.intermediate().ifPresent(intermediate -> {
            data.put(prefix + FileCaStore.INTERMEDIATE_CERTIFICATE,
                    base64(Pem.certificates(List.of(intermediate.certificate()))));
            data.put(prefix + FileCaStore.INTERMEDIATE_KEY, base64(Pem.privateKey(intermediate.key())));
        });
    }

    private CaCredential credential(Map<String, String> data, String certificateField, String keyField) {
        X509Certificate certificate = PemCredentials.certificate(field(certificateField),
                decoded(data, certificateField));
        PrivateKey key = PemCredentials.privateKey(field(keyField), decoded(data, keyField));
        if (!PemCredentials.matches(certificate, key)) {
            throw new CaStoreException(field(keyField) + " is not the key of the certificate in field "
                    + certificateField + ": restore the matching pair, or delete the Secret to create a new CA");
        }
        try {
            return new CaCredential(certificate, key);
        } catch (IllegalArgumentException e) {
            throw new CaStoreException(field(certificateField) + ": " + e.getMessage());
        }
    }

    private String decoded(Map<String, String> data, String fieldName) {
        String value = data.get(fieldName);
        if (value == null || value.isEmpty()) {
            throw new CaStoreException(location() + " holds an incomplete CA: field " + fieldName + " is "
                    + (value == null ? "missing" : "empty") + "; restore it from a backup, or delete the Secret to"
                    + " create a new CA");
        }
        try {
            return new String(Base64.getDecoder().decode(value), StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException e) {
            // the decoder's message names a character and its index, never the content
            throw new CaStoreException(field(fieldName) + " is not base64: " + e.getMessage());
        }
    }

    private String field(String fieldName) {
        return location() + " field " + fieldName;
    }

    private CaStoreException failure(String what, KubernetesClientException e) {
        // the status message names the object and the refusal (e.g. RBAC), never the Secret's data
        String reason = Optional.ofNullable(e.getStatus()).map(Status::getMessage)
                .filter(message -> message != null && !message.isBlank())
                .orElse(e.getClass().getSimpleName());
        return new CaStoreException(what + " " + location() + ": HTTP " + e.getCode() + " " + reason
                + (e.getCode() == HttpURLConnection.HTTP_FORBIDDEN
                        ? " (the control plane's ServiceAccount needs get, create and update on secrets in namespace "
                                + namespace + ")"
                        : ""), e);
    }

    private static String base64(String pem) {
        return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));
    }

    private static String requireName(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the CA Secret's " + what + " is empty");
        }
        return value;
    }
}
