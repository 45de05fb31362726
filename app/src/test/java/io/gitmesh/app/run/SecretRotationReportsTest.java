package io.gitmesh.app.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.gitmesh.ca.CaMaterial;
import io.gitmesh.ca.Fingerprint;
import io.gitmesh.ca.bc.CaMaterialGenerator;
import io.gitmesh.ca.bc.CaSettings;
import io.gitmesh.ca.rotation.CaState;
import io.gitmesh.ca.rotation.ReplicaReport;
import io.gitmesh.ca.rotation.RootRotation;
import io.gitmesh.ca.rotation.RotationFacts;
import io.gitmesh.ca.store.KubernetesSecretCaStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The replicas' reports as annotations of the CA Secret, against the fabric8 CRUD API server. */
@EnableKubernetesMockClient(crud = true)
class SecretRotationReportsTest {
    private static final String NAMESPACE = "gitmesh-system";
    private static final Instant AT = Instant.parse("2026-11-29T10:00:00Z");
    private static final CaMaterialGenerator GENERATOR = new CaMaterialGenerator(Clock.systemUTC(), new SecureRandom());

    KubernetesClient client;
    private KubernetesSecretCaStore store;
    private SecretRotationReports reports;
    private CaMaterial old;

    @BeforeEach
    void createCa() {
        store = new KubernetesSecretCaStore(client, NAMESPACE, "gitmesh-ca");
        old = GENERATOR.generate(CaSettings.of("cluster.local"));
        store.createIfAbsent(old);
        reports = new SecretRotationReports(client, NAMESPACE, "gitmesh-ca");
    }

    @Test
    void eachReplicaKeepsOneReportWhileARotationIsInProgressAndNoKey() {
        RootRotation settled = RootRotation.settled(old.root().fingerprint());
        reports.publish(new ReplicaReport("gitmesh-b", settled, new RotationFacts(0, 0), AT));
        assertThat(reports.read()).as("no rotation in progress: nothing to report on").isEmpty();

        CaState trusting = CaState.settled(old).begin(GENERATOR.generate(CaSettings.of("cluster.local")));
        assertThat(store.replace(settled, trusting)).isTrue();
        ReplicaReport b = new ReplicaReport("gitmesh-b", settled, new RotationFacts(0, 0), AT);
        ReplicaReport a = new ReplicaReport("gitmesh-a", trusting.rotation(), new RotationFacts(2, 1), AT);
        ReplicaReport bApplied = new ReplicaReport("gitmesh-b", trusting.rotation(), new RotationFacts(0, 3),
                AT.plusSeconds(10));
        reports.publish(b);
        reports.publish(a);
        reports.publish(bApplied);

        assertThat(reports.read()).containsExactly(a, bApplied);
        Secret secret = client.secrets().inNamespace(NAMESPACE).withName("gitmesh-ca").get();
        assertThat(secret.getMetadata().getAnnotations()).containsOnlyKeys("gitmesh.io/rotation-report-gitmesh-a",
                "gitmesh.io/rotation-report-gitmesh-b");
        String rootKey = Base64.getEncoder().encodeToString(old.root().key().getEncoded());
        assertThat(secret.getMetadata().getAnnotations().values()).noneMatch(json -> json.contains("KEY")
                || json.contains(rootKey.substring(rootKey.length() - 24)));
        assertThat(store.load().orElseThrow()).as("the CA is untouched").isEqualTo(trusting);

        reports.withdraw("gitmesh-a");
        assertThat(reports.read()).containsExactly(bApplied);
    }

    @Test
    void anUnreadableReportIsIgnored() {
        CaState trusting = CaState.settled(old).begin(GENERATOR.generate(CaSettings.of("cluster.local")));
        store.replace(RootRotation.settled(old.root().fingerprint()), trusting);
        client.secrets().inNamespace(NAMESPACE).withName("gitmesh-ca").edit(secret -> {
            secret.getMetadata().setAnnotations(Map.of("gitmesh.io/rotation-report-gitmesh-c", "{\"stage\":1}"));
            return secret;
        });
        ReplicaReport a = new ReplicaReport("gitmesh-a", trusting.rotation(), new RotationFacts(0, 0), AT);

        reports.publish(a);

        assertThat(reports.read()).containsExactly(a);
    }

    @Test
    void aLongReplicaNameIsShortenedToAValidAnnotationName() {
        String pod = "gitmesh-control-plane-with-a-rather-long-name-7d9f8b6c5d-x2x4z";

        String annotation = SecretRotationReports.annotation(pod);

        assertThat(annotation).startsWith("gitmesh.io/rotation-report-gitmesh-control-plane-with-a-rath")
                .matches("gitmesh\\.io/[a-z0-9]([-a-z0-9.]{0,61}[a-z0-9])?");
        assertThat(annotation.length() - "gitmesh.io/".length()).isEqualTo(63);
        assertThat(SecretRotationReports.annotation(pod + "-other")).isNotEqualTo(annotation);
        assertThat(SecretRotationReports.annotation("gitmesh-b")).isEqualTo("gitmesh.io/rotation-report-gitmesh-b");
    }

    static Stream<Arguments> unreadable() {
        String newRoot = "b".repeat(64);
        String oldRoot = "a".repeat(64);
        return Stream.of(
                Arguments.of("not JSON", "report", "not JSON"),
                Arguments.of("no stage", "{}", "the string stage is missing"),
                Arguments.of("an unknown stage", "{\"stage\":\"rotating\"}", "unknown stage \"rotating\""),
                Arguments.of("a short root", "{\"stage\":\"settled\",\"oldRoot\":\"abc\"}",
                        "a SHA-256 fingerprint is 64 lowercase hex digits, not abc"),
                Arguments.of("a stage without its new root", "{\"stage\":\"trusting-new-root\",\"oldRoot\":\""
                        + oldRoot + "\"}", "a new root is present exactly while a rotation is in progress"),
                Arguments.of("no count", "{\"stage\":\"trusting-new-root\",\"oldRoot\":\"" + oldRoot
                        + "\",\"newRoot\":\"" + newRoot + "\"}", "the count proxiesWithoutNewRoot is missing"),
                Arguments.of("a bad instant", "{\"replica\":\"b\",\"stage\":\"trusting-new-root\",\"oldRoot\":\""
                        + oldRoot + "\",\"newRoot\":\"" + newRoot + "\",\"proxiesWithoutNewRoot\":0,"
                        + "\"liveCertificatesOfOldRoot\":0,\"reportedAt\":\"now\"}", "reportedAt is not an instant"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unreadable")
    void anUnreadableReportSaysWhy(String name, String json, String message) {
        assertThatThrownBy(() -> ReplicaReportJson.read(json)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void aReportReadsBackAsWritten() {
        ReplicaReport report = new ReplicaReport("gitmesh-b", new RootRotation(RootRotation.Stage.ISSUING_FROM_NEW_ROOT,
                new Fingerprint("a".repeat(64)), Optional.of(new Fingerprint("b".repeat(64)))),
                new RotationFacts(1, 2), AT);

        assertThat(ReplicaReportJson.write(report)).isEqualTo("{\"replica\":\"gitmesh-b\",\"stage\":"
                + "\"issuing-from-new-root\",\"oldRoot\":\"" + "a".repeat(64) + "\",\"newRoot\":\"" + "b".repeat(64)
                + "\",\"proxiesWithoutNewRoot\":1,\"liveCertificatesOfOldRoot\":2,\"reportedAt\":"
                + "\"2026-11-29T10:00:00Z\"}");
        assertThat(ReplicaReportJson.read(ReplicaReportJson.write(report))).isEqualTo(report);
    }
}
