package io.gitmesh.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.gitmesh.ca.CaMaterial;
import io.gitmesh.ca.KeyType;
import io.gitmesh.ca.bc.CaMaterialGenerator;
import io.gitmesh.ca.bc.CaSettings;
import io.gitmesh.ca.rotation.CaState;
import io.gitmesh.ca.rotation.RootRotation.Stage;
import io.gitmesh.ca.store.FileCaStore;
import io.gitmesh.ca.store.KubernetesSecretCaStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code gitmesh ca rotate-root}, run as a user would: stage 1 recorded in the store, once. */
@EnableKubernetesMockClient(crud = true)
class CaRotateRootCommandTest {
    private static final CaMaterialGenerator GENERATOR = new CaMaterialGenerator(Clock.systemUTC(), new SecureRandom());

    @TempDir
    Path temp;

    KubernetesClient client;

    @Test
    void aRotationStartsWithANewRootLikeTheOldAndIsRecordedAsStageOne() {
        CaMaterial old = GENERATOR.generate(CaSettings.of("mesh.example").withIntermediate(true));
        new FileCaStore(temp).createIfAbsent(old);

        CliRun run = CliRun.of("ca", "rotate-root", "--dir", temp.toString());

        CaState stored = new FileCaStore(temp).load().orElseThrow();
        assertThat(run.exitCode()).isZero();
        assertThat(stored.stage()).isEqualTo(Stage.TRUSTING_NEW_ROOT);
        assertThat(stored.current().root().fingerprint()).isEqualTo(old.root().fingerprint());
        CaMaterial replacement = stored.next().orElseThrow();
        assertThat(replacement.trustDomain()).isEqualTo("mesh.example");
        assertThat(replacement.intermediate()).isPresent();
        assertThat(KeyType.of(replacement.root().certificate().getPublicKey())).contains(KeyType.EC_P256);
        assertThat(run.out()).startsWith("started a root rotation in " + temp + ": stage 1 of 3")
                .contains("old root fingerprint: " + old.root().fingerprint(),
                        "new root fingerprint: " + replacement.root().fingerprint());
    }

    @Test
    void aSecondRotationIsRefusedWhileOneIsInProgressNamingItsStage() {
        new FileCaStore(temp).createIfAbsent(GENERATOR.generate(CaSettings.of("cluster.local")));
        CliRun.of("ca", "rotate-root", "--dir", temp.toString());
        CaState first = new FileCaStore(temp).load().orElseThrow();

        CliRun second = CliRun.of("ca", "rotate-root", "--dir", temp.toString());

        assertThat(second.exitCode()).isEqualTo(2);
        assertThat(second.err()).startsWith("gitmesh: a root rotation is already in progress in " + temp
                + ": stage 1 of 3: bundles trust the new root " + first.rotation().newRoot().orElseThrow().shortForm());
        assertThat(new FileCaStore(temp).load().orElseThrow().rotation()).isEqualTo(first.rotation());
    }

    @Test
    void aDirectoryWithoutACaIsAnError() {
        CliRun run = CliRun.of("ca", "rotate-root", "--dir", temp.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("gitmesh: no CA in " + temp);
    }

    @Test
    void theCaSecretOfAClusterIsRotatedThroughTheApiServer() {
        CaMaterial old = GENERATOR.generate(CaSettings.of("cluster.local"));
        KubernetesSecretCaStore secret = new KubernetesSecretCaStore(client, "gitmesh-system", "gitmesh-ca");
        secret.createIfAbsent(old);

        CliRun run = runAgainstCluster("ca", "rotate-root", "--secret", "gitmesh-system/gitmesh-ca");

        assertThat(run.exitCode()).as(run.err()).isZero();
        CaState stored = secret.load().orElseThrow();
        assertThat(stored.stage()).isEqualTo(Stage.TRUSTING_NEW_ROOT);
        assertThat(stored.current().root().fingerprint()).isEqualTo(old.root().fingerprint());
        assertThat(run.out()).startsWith("started a root rotation in secret/gitmesh-system/gitmesh-ca: stage 1 of 3");
    }

    /** The command line with {@code rotate-root} talking to the mock API server, through a client of its own to close. */
    private CliRun runAgainstCluster(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = GitmeshCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        CaRotateRootCommand command = cl.getSubcommands().get("ca").getSubcommands().get("rotate-root").getCommand();
        command.kubernetes = () -> new KubernetesClientBuilder().withConfig(client.getConfiguration()).build();
        int code = cl.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
