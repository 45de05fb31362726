package io.gitmesh.ca.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.gitmesh.ca.CaMaterial;
import io.gitmesh.ca.Fingerprint;
import io.gitmesh.ca.IssuedCertificate;
import io.gitmesh.ca.LeafRequest;
import io.gitmesh.ca.MutableClock;
import io.gitmesh.ca.Pem;
import io.gitmesh.ca.Pkix;
import io.gitmesh.ca.bc.BouncyCastleCertificateAuthority;
import io.gitmesh.ca.bc.CaMaterialGenerator;
import io.gitmesh.ca.bc.CaSettings;
import io.gitmesh.ca.rotation.CaState;
import io.gitmesh.ca.rotation.RotationFacts;
import io.gitmesh.model.Identity;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The CA in a Secret, against the fabric8 CRUD API server: created once, shared by every replica, checked on load. */
@EnableKubernetesMockClient(crud = true)
class KubernetesSecretCaStoreTest {
    private static final String NAMESPACE = "gitmesh";
    private static final String NAME = "gitmesh-ca";
    private static final String LOCATION = "secret/gitmesh/gitmesh-ca";
    private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");
    private static final SecureRandom RANDOM = new SecureRandom();

    KubernetesClient client;
    KubernetesMockServer server;

    private final MutableClock clock = new MutableClock(START);
    private final CaMaterialGenerator generator = new CaMaterialGenerator(clock, RANDOM);

    @Test
    void theFirstStartCreatesAnOpaqueSecretWithFileStoreFieldNames() {
        CaMaterial created = store().loadOrCreate(() -> generator.generate(
                CaSettings.of("cluster.local").withIntermediate(true))).current();

        Secret secret = client.secrets().inNamespace(NAMESPACE).withName(NAME).get();
        assertThat(secret.getType()).isEqualTo("Opaque");
        assertThat(secret.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "gitmesh");
        assertThat(secret.getData()).containsOnlyKeys("root.pem", "root-key.pem", "intermediate.pem",
                "intermediate-key.pem");
        assertThat(decoded(secret, "root-key.pem")).startsWith("-----BEGIN PRIVATE KEY-----\n");
        assertThat(decoded(secret, "root.pem"))
                .isEqualTo(Pem.certificates(List.of(created.root().certificate())));
    }

    @Test
    void aSecondStartGetsTheSameRootAndEarlierCertificatesStillVerify() {
        CaMaterial first = store().loadOrCreate(() -> generator.generate(CaSettings.of("mesh.example"))).current();
        IssuedCertificate before = BouncyCastleCertificateAuthority.of(first, clock, RANDOM)
                .issueWithNewKey(LeafRequest.of(new Identity("bookstore", "bookstore")));

        clock.advance(Duration.ofHours(2));
        CaMaterial reloaded = store().loadOrCreate(() -> {
            throw new AssertionError("a CA exists: nothing must be generated");
        }).current();

        assertThat(reloaded.root().fingerprint()).isEqualTo(first.root().fingerprint());
        assertThat(reloaded.trustDomain()).isEqualTo("mesh.example");
        assertThat(Pkix.isValid(before, BouncyCastleCertificateAuthority.of(reloaded, clock, RANDOM).trustBundle(),
                clock.instant())).isTrue();
    }

    @Test
    void twoReplicasStartingTogetherShareOneCa() throws Exception {
        // both replicas find no Secret and generate a CA before either creates it: the API server picks one
        CyclicBarrier bothGenerated = new CyclicBarrier(2);
        AtomicInteger generated = new AtomicInteger();
        ExecutorService replicas = Executors.newFixedThreadPool(2);
        try {
            List<Future<CaState>> started = replicas.invokeAll(List.of(
                    () -> store().loadOrCreate(() -> generateTogether(bothGenerated, generated)),
                    () -> store().loadOrCreate(() -> generateTogether(bothGenerated, generated))),
                    30, TimeUnit.SECONDS);
            Fingerprint one = started.get(0).get().current().root().fingerprint();
            Fingerprint other = started.get(1).get().current().root().fingerprint();

            assertThat(generated).hasValue(2);
            assertThat(one).isEqualTo(other);
            assertThat(store().load().orElseThrow().current().root().fingerprint()).isEqualTo(one);
        } finally {
            replicas.shutdownNow();
        }
    }

    @Test
    void anExistingCaIsNeverOverwritten() {
        assertThat(store().createIfAbsent(generator.generate(CaSettings.of("cluster.local")))).isTrue();
        Map<String, String> before = client.secrets().inNamespace(NAMESPACE).withName(NAME).get().getData();

        assertThat(store().createIfAbsent(generator.generate(CaSettings.of("cluster.local")))).isFalse();
        assertThat(client.secrets().inNamespace(NAMESPACE).withName(NAME).get().getData()).isEqualTo(before);
    }

    @Test
    void noSecretMeansNoCa() {
        assertThat(store().load()).isEmpty();
    }

    static Stream<Arguments> malformedSecrets() {
        return Stream.of(
                Arguments.of("missing key", (Consumer<Map<String, String>>) data -> data.remove("root-key.pem"),
                        LOCATION + " holds an incomplete CA: field root-key.pem is missing; restore it from a backup,"
                                + " or delete the Secret to create a new CA"),
                Arguments.of("empty certificate", (Consumer<Map<String, String>>) data -> data.put("root.pem", ""),
                        LOCATION + " holds an incomplete CA: field root.pem is empty"),
                Arguments.of("not base64", (Consumer<Map<String, String>>) data -> data.put("root.pem", "%%%"),
                        LOCATION + " field root.pem is not base64"),
                Arguments.of("not a certificate", (Consumer<Map<String, String>>) data -> data.put("root.pem",
                        base64("hello")), LOCATION + " field root.pem is not a PEM certificate"),
                Arguments.of("not a key", (Consumer<Map<String, String>>) data -> data.put("root-key.pem",
                        data.get("root.pem")), LOCATION + " field root-key.pem holds a X509CertificateHolder, not an"
                                + " unencrypted private key (BEGIN PRIVATE KEY)"),
                Arguments.of("intermediate without its key", (Consumer<Map<String, String>>) data -> data.put(
                        "intermediate.pem", data.get("root.pem")),
                        LOCATION + " holds an incomplete CA: field intermediate-key.pem is missing"),
                Arguments.of("no CA at all", (Consumer<Map<String, String>>) data -> {
                    data.clear();
                    data.put("token", base64("x"));
                }, LOCATION + " exists but holds no CA"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedSecrets")
    void aMalformedSecretNamesItselfAndTheField(String name, Consumer<Map<String, String>> damage, String message) {
        CaMaterial material = generator.generate(CaSettings.of("cluster.local"));
        store().createIfAbsent(material);
        replaceData(damage);

        assertThatThrownBy(() -> store().load())
                .isInstanceOf(CaStoreException.class)
                .hasMessageStartingWith(message)
                .message().doesNotContain(keyTail(material));
    }

    @Test
    void aKeyFromAnotherCaIsRefusedWithoutShowingEitherKey() {
        CaMaterial ours = generator.generate(CaSettings.of("cluster.local"));
        CaMaterial other = generator.generate(CaSettings.of("cluster.local"));
        store().createIfAbsent(ours);
        replaceData(data -> data.put("root-key.pem", base64(Pem.privateKey(other.root().key()))));

        assertThatThrownBy(() -> store().load())
                .isInstanceOf(CaStoreException.class)
                .hasMessage(LOCATION + " field root-key.pem is not the key of the certificate in field root.pem:"
                        + " restore the matching pair, or delete the Secret to create a new CA")
                .message().doesNotContain(keyTail(ours)).doesNotContain(keyTail(other));
    }

    @Test
    void aRefusalByTheApiServerSaysWhichPermissionIsMissing() {
        server.expect().post().withPath("/api/v1/namespaces/gitmesh/secrets")
                .andReturn(403, new StatusBuilder().withCode(403).withReason("Forbidden")
                        .withMessage("secrets is forbidden: User \"system:serviceaccount:gitmesh:gitmesh\" cannot"
                                + " create resource \"secrets\" in API group \"\" in the namespace \"gitmesh\"")
                        .build())
                .once();

        assertThatThrownBy(() -> store().loadOrCreate(() -> generator.generate(CaSettings.of("cluster.local"))))
                .isInstanceOf(CaStoreException.class)
                .hasMessage("cannot create secret/gitmesh/gitmesh-ca: HTTP 403 secrets is forbidden: User"
                        + " \"system:serviceaccount:gitmesh:gitmesh\" cannot create resource \"secrets\" in API group"
                        + " \"\" in the namespace \"gitmesh\" (the control plane's ServiceAccount needs get, create and"
                        + " update on secrets in namespace gitmesh)");
    }

    @Test
    void settlingARotationRemovesTheReplicasReportsOnItAndKeepsOtherAnnotations() {
        KubernetesSecretCaStore store = store();
        store.createIfAbsent(generator.generate(CaSettings.of("cluster.local")));
        CaState settled = store.load().orElseThrow();
        CaState trusting = settled.begin(generator.generate(CaSettings.of("cluster.local")));
        assertThat(store.replace(settled.rotation(), trusting)).isTrue();
        client.secrets().inNamespace(NAMESPACE).withName(NAME).edit(secret -> {
            secret.getMetadata().setAnnotations(Map.of(KubernetesSecretCaStore.ROTATION_REPORT_PREFIX + "gitmesh-b",
                    "{}", "example.com/owner", "platform"));
            return secret;
        });
        assertThat(KubernetesSecretCaStore.holdsRotation(secret())).isTrue();

        CaState issuing = trusting.movedTo(trusting.rotation().advance(new RotationFacts(0, 0)).rotation());
        assertThat(store.replace(trusting.rotation(), issuing)).isTrue();
        assertThat(secret().getMetadata().getAnnotations()).as("kept while the rotation goes on")
                .containsKey(KubernetesSecretCaStore.ROTATION_REPORT_PREFIX + "gitmesh-b");
        assertThat(store.replace(issuing.rotation(), issuing.movedTo(issuing.rotation()
                .advance(new RotationFacts(0, 0)).rotation()))).isTrue();

        assertThat(secret().getMetadata().getAnnotations()).containsOnlyKeys("example.com/owner");
        assertThat(KubernetesSecretCaStore.holdsRotation(secret())).isFalse();
    }

    @Test
    void theLocationNamesTheSecret() {
        assertThat(store().location()).isEqualTo(LOCATION);
        assertThatThrownBy(() -> new KubernetesSecretCaStore(client, NAMESPACE, " "))
                .hasMessage("the CA Secret's name is empty");
    }

    private Secret secret() {
        return client.secrets().inNamespace(NAMESPACE).withName(NAME).get();
    }

    private KubernetesSecretCaStore store() {
        return new KubernetesSecretCaStore(client, NAMESPACE, NAME);
    }

    private CaMaterial generateTogether(CyclicBarrier barrier, AtomicInteger generated) {
        CaMaterial material = generator.generate(CaSettings.of("cluster.local"));
        generated.incrementAndGet();
        try {
            barrier.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the other replica did not generate its CA", e);
        }
        return material;
    }

    private void replaceData(Consumer<Map<String, String>> damage) {
        client.secrets().inNamespace(NAMESPACE).withName(NAME).edit(secret -> {
            Map<String, String> data = new HashMap<>(secret.getData());
            damage.accept(data);
            secret.setData(data);
            return secret;
        });
    }

    private static String decoded(Secret secret, String field) {
        return new String(Base64.getDecoder().decode(secret.getData().get(field)), StandardCharsets.US_ASCII);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }

    /** The last characters of the root key's base64, which no message may contain. */
    private static String keyTail(CaMaterial material) {
        String key = Base64.getEncoder().encodeToString(material.root().key().getEncoded());
        return key.substring(key.length() - 24);
    }
}
