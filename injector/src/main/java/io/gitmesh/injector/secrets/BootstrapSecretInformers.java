package io.gitmesh.injector.secrets;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link BootstrapSecretController}: a pod informer (every namespace; the controller ignores pods that
 * are not injected), an informer on the bootstrap Secrets (by {@link BootstrapSecrets#LABELS}) to write back a
 * Secret deleted under a live pod, and a periodic {@link BootstrapSecretController#check}. Everything runs on
 * one thread, in event order, off the informers' own threads (issuing may wait on an external CA).
 *
 * <p>API calls: {@code list} and {@code watch} pods in all namespaces; {@code list} and {@code watch} secrets
 * in all namespaces, selected by label.
 */
public final class BootstrapSecretInformers implements AutoCloseable {
    /** How often due renewals are looked for: well under the shortest renewal window. */
    public static final Duration DEFAULT_CHECK_INTERVAL = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(BootstrapSecretInformers.class);

    private final ScheduledExecutorService loop;
    private final SharedIndexInformer<Pod> pods;
    private final SharedIndexInformer<Secret> secrets;

    private BootstrapSecretInformers(ScheduledExecutorService loop, SharedIndexInformer<Pod> pods,
            SharedIndexInformer<Secret> secrets) {
        this.loop = loop;
        this.pods = pods;
        this.secrets = secrets;
    }

    /** Starts the informers (returning once they have listed) and the check every {@code checkInterval}. */
    public static BootstrapSecretInformers start(KubernetesClient client, BootstrapSecretController controller,
            Duration checkInterval) {
        ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "gitmesh-bootstrap-secrets");
            thread.setDaemon(true);
            return thread;
        });
        SharedIndexInformer<Secret> secrets = client.secrets().inAnyNamespace().withLabels(BootstrapSecrets.LABELS)
                .inform(handler(loop, secret -> { }, controller::secretDeleted));
        SharedIndexInformer<Pod> pods = client.pods().inAnyNamespace()
                .inform(handler(loop, controller::podChanged, controller::podDeleted));
        loop.scheduleWithFixedDelay(() -> guarded(controller::check, "the renewal check"),
                checkInterval.toMillis(), checkInterval.toMillis(), TimeUnit.MILLISECONDS);
        return new BootstrapSecretInformers(loop, pods, secrets);
    }

    @Override
    public void close() {
        pods.close();
        secrets.close();
        loop.shutdownNow();
    }

    private static <T> ResourceEventHandler<T> handler(ScheduledExecutorService loop, Consumer<T> changed,
            Consumer<T> deleted) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T object) {
                loop.execute(() -> guarded(() -> changed.accept(object), "an added object"));
            }

            @Override
            public void onUpdate(T before, T after) {
                loop.execute(() -> guarded(() -> changed.accept(after), "a changed object"));
            }

            @Override
            public void onDelete(T object, boolean finalStateUnknown) {
                loop.execute(() -> guarded(() -> deleted.accept(object), "a deleted object"));
            }
        };
    }

    /** Keeps the loop alive: a failure is logged and the next event or check goes on. */
    private static void guarded(Runnable work, String what) {
        try {
            work.run();
        } catch (RuntimeException e) {
            LOG.error("bootstrap secret controller failed on {}: {}", what, e.toString());
        }
    }
}
