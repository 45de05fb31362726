package io.gitmesh.ca.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.gitmesh.ca.CaMaterial;
import io.gitmesh.ca.MutableClock;
import io.gitmesh.ca.bc.CaMaterialGenerator;
import io.gitmesh.ca.bc.CaSettings;
import io.gitmesh.ca.rotation.CaState;
import io.gitmesh.ca.rotation.RootRotation;
import io.gitmesh.ca.rotation.RootRotation.Stage;
import io.gitmesh.ca.rotation.RotationFacts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A root rotation kept in both stores: every stage read back as written, stores from before rotations
 * read as settled, and a writer that read an older state never overwrites a newer one.
 */
@EnableKubernetesMockClient(crud = true)
class CaStoreRotationTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final CaMaterialGenerator GENERATOR = new CaMaterialGenerator(
            new MutableClock(Instant.parse("2026-03-01T00:00:00Z")), RANDOM);

    KubernetesClient client;
    KubernetesMockServer server;

    @TempDir
    Path temp;

    static Stream<Arguments> stores() {
        return Stream.of(
                Arguments.of("files", (Function<CaStoreRotationTest, CaStore>) test -> new FileCaStore(test.temp)),
                Arguments.of("secret", (Function<CaStoreRotationTest, CaStore>) test ->
                        new KubernetesSecretCaStore(test.client, "gitmesh", "gitmesh-ca")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void aStoreWrittenBeforeRotationsExistedIsSettled(String name, Function<CaStoreRotationTest, CaStore> stores) {
        CaMaterial material = GENERATOR.generate(CaSettings.of("cluster.local").withIntermediate(true));
        stores.apply(this).createIfAbsent(material);

        CaState loaded = stores.apply(this).load().orElseThrow();

        assertThat(loaded.stage()).isEqualTo(Stage.SETTLED);
        assertThat(loaded.next()).isEmpty();
        assertThat(loaded.rotation()).isEqualTo(RootRotation.settled(material.root().fingerprint()));
        assertThat(loaded.current().intermediate().orElseThrow().fingerprint())
                .isEqualTo(material.intermediate().orElseThrow().fingerprint());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void everyStageOfARotationIsReadBackAsWrittenAndTheEndHoldsOnlyTheNewRoot(String name,
            Function<CaStoreRotationTest, CaStore> stores) throws IOException {
        CaMaterial old = GENERATOR.generate(CaSettings.of("cluster.local").withIntermediate(true));
        CaMaterial replacement = GENERATOR.generate(CaSettings.of("cluster.local").withIntermediate(true));
        stores.apply(this).createIfAbsent(old);

        CaState trusting = CaState.settled(old).begin(replacement);
        assertThat(stores.apply(this).replace(RootRotation.settled(old.root().fingerprint()), trusting)).isTrue();
        assertReadBack(stores.apply(this), trusting);

        CaState issuing = trusting.movedTo(trusting.rotation().advance(new RotationFacts(0, 0)).rotation());
        assertThat(stores.apply(this).replace(trusting.rotation(), issuing)).isTrue();
        assertReadBack(stores.apply(this), issuing);

        CaState settled = issuing.movedTo(issuing.rotation().advance(new RotationFacts(0, 0)).rotation());
        assertThat(stores.apply(this).replace(issuing.rotation(), settled)).isTrue();
        assertReadBack(stores.apply(this), settled);
        assertThat(settled).isEqualTo(CaState.settled(replacement));
        assertThat(names(name)).containsExactlyInAnyOrder("root.pem", "root-key.pem", "intermediate.pem",
                "intermediate-key.pem");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void aWriterThatReadAnOlderStateWritesNothing(String name, Function<CaStoreRotationTest, CaStore> stores) {
        CaMaterial old = GENERATOR.generate(CaSettings.of("cluster.local"));
        stores.apply(this).createIfAbsent(old);
        CaState first = CaState.settled(old).begin(GENERATOR.generate(CaSettings.of("cluster.local")));
        CaState second = CaState.settled(old).begin(GENERATOR.generate(CaSettings.of("cluster.local")));
        assertThat(stores.apply(this).replace(RootRotation.settled(old.root().fingerprint()), first)).isTrue();

        assertThat(stores.apply(this).replace(RootRotation.settled(old.root().fingerprint()), second)).isFalse();
        assertReadBack(stores.apply(this), first);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void aRotationInProgressEndsOnlyOnItsNewRoot(String name, Function<CaStoreRotationTest, CaStore> stores) {
        CaMaterial old = GENERATOR.generate(CaSettings.of("cluster.local"));
        stores.apply(this).createIfAbsent(old);
        CaState trusting = CaState.settled(old).begin(GENERATOR.generate(CaSettings.of("cluster.local")));
        stores.apply(this).replace(RootRotation.settled(old.root().fingerprint()), trusting);

        assertThatThrownBy(() -> stores.apply(this).replace(trusting.rotation(), CaState.settled(old)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a rotation in progress keeps its new root");
        assertReadBack(stores.apply(this), trusting);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void theCaInPlaceChangesOnlyBySettlingOnTheNewRoot(String name, Function<CaStoreRotationTest, CaStore> stores) {
        CaMaterial old = GENERATOR.generate(CaSettings.of("cluster.local"));
        stores.apply(this).createIfAbsent(old);

        assertThatThrownBy(() -> stores.apply(this).replace(RootRotation.settled(old.root().fingerprint()),
                CaState.settled(GENERATOR.generate(CaSettings.of("cluster.local")))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("changes only by settling a rotation on its new root");
        assertReadBack(stores.apply(this), CaState.settled(old));
    }

    @Test
    void theNewRootsKeyIsReadableByItsOwnerOnly() throws Exception {
        CaMaterial old = GENERATOR.generate(CaSettings.of("cluster.local"));
        FileCaStore store = new FileCaStore(temp);
        store.createIfAbsent(old);

        store.replace(RootRotation.settled(old.root().fingerprint()),
                CaState.settled(old).begin(GENERATOR.generate(CaSettings.of("cluster.local"))));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(temp.resolve("next-root-key.pem"))))
                .isEqualTo("rw-------");
        assertThat(Files.readString(temp.resolve("rotation-stage"))).isEqualTo("trusting-new-root\n");
    }

    @Test
    void aSettleInterruptedHalfWayReadsAsSettledAndTheNextWriteCompletesIt() throws Exception {
        CaMaterial old = GENERATOR.generate(CaSettings.of("cluster.local"));
        CaMaterial replacement = GENERATOR.generate(CaSettings.of("cluster.local"));
        FileCaStore store = new FileCaStore(temp);
        store.createIfAbsent(old);
        CaState issuing = new CaState(old, Optional.of(replacement), Stage.ISSUING_FROM_NEW_ROOT);
        store.replace(RootRotation.settled(old.root().fingerprint()), CaState.settled(old).begin(replacement));
        store.replace(CaState.settled(old).begin(replacement).rotation(), issuing);
        // the writer marked the settle and replaced the root key, then stopped: root.pem is still the old one
        Files.writeString(temp.resolve("rotation-stage"), "settling\n");
        Files.copy(temp.resolve("next-root-key.pem"), temp.resolve("root-key.pem"),
                StandardCopyOption.REPLACE_EXISTING);

        assertReadBack(store, CaState.settled(replacement));

        CaState again = CaState.settled(replacement).begin(GENERATOR.generate(CaSettings.of("cluster.local")));
        assertThat(store.replace(RootRotation.settled(replacement.root().fingerprint()), again)).isTrue();
        assertReadBack(store, again);
    }

    @Test
    void aSecretMountedAsAVolumeIsADirectoryTheFileStoreReads() throws Exception {
        CaMaterial old = GENERATOR.generate(CaSettings.of("cluster.local"));
        KubernetesSecretCaStore secret = new KubernetesSecretCaStore(client, "gitmesh", "gitmesh-ca");
        secret.createIfAbsent(old);
        CaState trusting = CaState.settled(old).begin(GENERATOR.generate(CaSettings.of("cluster.local")));
        secret.replace(RootRotation.settled(old.root().fingerprint()), trusting);
        Path mount = Files.createDirectories(temp.resolve("mount"));
        for (Map.Entry<String, String> field : data().entrySet()) {
            Files.write(mount.resolve(field.getKey()), Base64.getDecoder().decode(field.getValue()));
            Files.setPosixFilePermissions(mount.resolve(field.getKey()), PosixFilePermissions.fromString("rw-------"));
        }

        assertReadBack(new FileCaStore(mount), trusting);
    }

    @Test
    void aSecretChangedByAnotherWriterMeanwhileIsNotOverwritten() throws InterruptedException {
        CaMaterial old = GENERATOR.generate(CaSettings.of("cluster.local"));
        KubernetesSecretCaStore store = new KubernetesSecretCaStore(client, "gitmesh", "gitmesh-ca");
        store.createIfAbsent(old);
        server.expect().put().withPath("/api/v1/namespaces/gitmesh/secrets/gitmesh-ca")
                .andReturn(409, new StatusBuilder().withCode(409).withReason("Conflict")
                        .withMessage("the object has been modified").build())
                .once();

        boolean replaced = store.replace(RootRotation.settled(old.root().fingerprint()),
                CaState.settled(old).begin(GENERATOR.generate(CaSettings.of("cluster.local"))));

        assertThat(replaced).isFalse();
        assertThat(server.getLastRequest().getBody().readUtf8()).contains("\"resourceVersion\"");
        assertReadBack(store, CaState.settled(old));
    }

    /** The store holds {@code expected}: the same stage, roots and keys. */
    private static void assertReadBack(CaStore store, CaState expected) {
        CaState loaded = store.load().orElseThrow();
        assertThat(loaded.rotation()).isEqualTo(expected.rotation());
        assertThat(rootKeys(loaded)).isEqualTo(rootKeys(expected));
    }

    private static List<String> rootKeys(CaState state) {
        return Stream.concat(Stream.of(state.current()), state.next().stream())
                .map(material -> Base64.getEncoder().encodeToString(material.root().key().getEncoded()))
                .toList();
    }

    private Map<String, String> data() {
        return client.secrets().inNamespace("gitmesh").withName("gitmesh-ca").get().getData();
    }

    /** The fields of the Secret, or the files of the directory (the lock file aside). */
    private List<String> names(String store) throws IOException {
        if (store.equals("secret")) {
            return List.copyOf(data().keySet());
        }
        try (Stream<Path> files = Files.list(temp)) {
            return files.map(file -> file.getFileName().toString()).filter(file -> !file.equals(".lock")).toList();
        }
    }
}
