package io.gitmesh.app.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.gitmesh.ca.CaMaterial;
import io.gitmesh.ca.bc.CaMaterialGenerator;
import io.gitmesh.ca.bc.CaSettings;
import io.gitmesh.ca.rotation.CaState;
import io.gitmesh.ca.store.CaStore;
import io.gitmesh.ca.store.CaStoreException;
import io.gitmesh.ca.store.FileCaStore;
import io.gitmesh.ca.store.KubernetesSecretCaStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code gitmesh ca rotate-root}: starts replacing a CA's root; {@code gitmesh run} carries it through. */
@Command(name = "rotate-root", mixinStandardHelpOptions = true,
        description = {"Start a root rotation: generate a new root (same trust domain and key type, and an"
                + " intermediate if the CA has one) and record stage 1 in the CA store. gitmesh run then moves the"
                + " rotation on, stage by stage, when each is safe (see the ca section of /status), and ends with"
                + " the new root alone.",
            "Exit codes: 0 started, 2 usage or I/O error, or a rotation already in progress."})
final class CaRotateRootCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Store store;

    /** Opens the Kubernetes client for {@code --secret} (kubeconfig or in-cluster); tests point it elsewhere. */
    Supplier<KubernetesClient> kubernetes = () -> new KubernetesClientBuilder().build();

    static final class Store {
        @Option(names = "--dir", paramLabel = "DIR", description = "The CA directory (gitmesh run --ca-dir).")
        Path dir;

        @Option(names = "--secret", paramLabel = "NS/NAME", description = "The CA Secret of gitmesh run --cluster kube"
                + " (e.g. gitmesh-system/gitmesh-ca), through the kubeconfig's current context.")
        String secret;
    }

    @Override
    public Integer call() {
        if (store.dir != null) {
            return rotate(new FileCaStore(store.dir));
        }
        String[] parts = store.secret.split("/", -1);
        if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
            throw new UserError("--secret takes NAMESPACE/NAME, e.g. gitmesh-system/gitmesh-ca, not \"" + store.secret
                    + "\"");
        }
        try (KubernetesClient client = kubernetes.get()) {
            return rotate(new KubernetesSecretCaStore(client, parts[0], parts[1]));
        }
    }

    private int rotate(CaStore ca) {
        CaState started;
        try {
            CaState stored = ca.load().orElseThrow(() -> new UserError("no CA in " + ca.location()
                    + ": gitmesh run creates one on first start, or gitmesh ca init --dir DIR"));
            if (stored.next().isPresent()) {
                throw new UserError("a root rotation is already in progress in " + ca.location() + ": "
                        + stored.rotation().describe() + "; gitmesh run moves it on (see the ca section of /status)");
            }
            CaMaterial replacement = new CaMaterialGenerator(Clock.systemUTC(), new SecureRandom())
                    .generate(CaSettings.like(stored.current()));
            started = stored.begin(replacement);
            if (!ca.replace(stored.rotation(), started)) {
                throw new UserError(ca.location() + " changed while the new root was generated; run the command"
                        + " again");
            }
        } catch (CaStoreException | IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("started a root rotation in " + ca.location() + ": " + started.rotation().describe());
        out.println("  old root fingerprint: " + started.rotation().oldRoot());
        out.println("  new root fingerprint: " + started.rotation().newRoot().orElseThrow());
        out.println("  gitmesh run moves it on when each stage is safe: see the ca section of /status");
        out.flush();
        return 0;
    }
}
