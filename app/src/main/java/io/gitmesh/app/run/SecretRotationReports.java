package io.gitmesh.app.run;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.gitmesh.ca.rotation.ReplicaReport;
import io.gitmesh.ca.store.CaStoreException;
import io.gitmesh.ca.store.KubernetesSecretCaStore;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replicas' reports on a root rotation as annotations of the CA Secret, one per replica:
 * {@code gitmesh.io/rotation-report-<replica>} holding {@link ReplicaReportJson} (counts and fingerprints, no
 * key). Each change is one {@code update} carrying the {@code resourceVersion} it read, so it never overwrites
 * a change made meanwhile (another replica's report, or the rotation moving on); on 409 Conflict it reads the
 * Secret again, a few times. A report is written only while the Secret holds a rotation in progress; the
 * update settling it removes them all ({@link KubernetesSecretCaStore}). API calls: {@code get} and
 * {@code update} on the CA Secret, which the store needs anyway.
 */
final class SecretRotationReports implements RotationReports {
    private static final Logger LOG = LoggerFactory.getLogger(SecretRotationReports.class);
    /** An annotation name has at most 63 characters after the prefix's {@code gitmesh.io/}. */
    private static final int NAME_LENGTH = 63 - (KubernetesSecretCaStore.ROTATION_REPORT_PREFIX.length()
            - "gitmesh.io/".length());
    private static final int ATTEMPTS = 3;

    private final KubernetesClient client;
    private final String namespace;
    private final String name;

    SecretRotationReports(KubernetesClient client, String namespace, String name) {
        this.client = Objects.requireNonNull(client, "client");
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.name = Objects.requireNonNull(name, "name");
    }

    @Override
    public void publish(ReplicaReport report) {
        change(KubernetesSecretCaStore::holdsRotation,
                annotations -> annotations.put(annotation(report.replica()), ReplicaReportJson.write(report)));
    }

    @Override
    public void withdraw(String replica) {
        change(secret -> true, annotations -> annotations.remove(annotation(replica)));
    }

    @Override
    public List<ReplicaReport> read() {
        List<ReplicaReport> reports = new ArrayList<>();
        reportAnnotations(secret()).forEach((key, json) -> {
            try {
                reports.add(ReplicaReportJson.read(json));
            } catch (IllegalArgumentException e) {
                LOG.warn("ignoring the unreadable root rotation report {} on secret/{}/{}: {}", key, namespace, name,
                        e.getMessage());
            }
        });
        reports.sort(Comparator.comparing(ReplicaReport::replica));
        return reports;
    }

    /** The annotation holding {@code replica}'s report: its name, shortened with a hash when too long. */
    static String annotation(String replica) {
        String suffix = replica.length() <= NAME_LENGTH ? replica
                : replica.substring(0, NAME_LENGTH - 9) + "-" + sha256(replica).substring(0, 8);
        return KubernetesSecretCaStore.ROTATION_REPORT_PREFIX + suffix;
    }

    /** Edits the annotations of the Secret as read, if {@code applies} to it, and updates it if they changed. */
    private void change(Predicate<Secret> applies, Consumer<Map<String, String>> edit) {
        for (int attempt = 1; ; attempt++) {
            Secret secret = secret();
            if (!applies.test(secret)) {
                return;
            }
            Map<String, String> annotations = new TreeMap<>(Optional.ofNullable(secret.getMetadata().getAnnotations())
                    .orElse(Map.of()));
            Map<String, String> before = Map.copyOf(annotations);
            edit.accept(annotations);
            if (annotations.equals(before)) {
                return;
            }
            try {
                client.secrets().inNamespace(namespace).resource(new SecretBuilder(secret).editMetadata()
                        .withAnnotations(annotations).endMetadata().build()).update();
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT || attempt == ATTEMPTS) {
                    throw failure("cannot update", e);
                }
            }
        }
    }

    private Secret secret() {
        Secret secret;
        try {
            secret = client.secrets().inNamespace(namespace).withName(name).get();
        } catch (KubernetesClientException e) {
            throw failure("cannot read", e);
        }
        if (secret == null) {
            throw new CaStoreException("secret/" + namespace + "/" + name + " holds no CA");
        }
        return secret;
    }

    private static Map<String, String> reportAnnotations(Secret secret) {
        Map<String, String> reports = new TreeMap<>(Optional.ofNullable(secret.getMetadata().getAnnotations())
                .orElse(Map.of()));
        reports.keySet().removeIf(key -> !key.startsWith(KubernetesSecretCaStore.ROTATION_REPORT_PREFIX));
        return reports;
    }

    private CaStoreException failure(String what, KubernetesClientException e) {
        // the status names the object and the refusal, never the Secret's data
        return new CaStoreException(what + " the root rotation reports on secret/" + namespace + "/" + name + ": HTTP "
                + e.getCode() + " " + Optional.ofNullable(e.getStatus()).map(status -> status.getMessage())
                        .orElse(e.getClass().getSimpleName()), e);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
