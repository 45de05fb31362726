package io.gitmesh.reconciler.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.gitmesh.schema.Diagnostic;
import io.gitmesh.schema.ResourceKey;
import io.gitmesh.schema.kube.KubeObject;
import io.gitmesh.schema.normalize.Normalized;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster as gitmesh sees it, kept current by fabric8 informers on Namespaces, Services,
 * EndpointSlices, Pods and ServiceAccounts. {@link #objects()} is what a revision compiles with; when
 * it changes, {@code onChange} runs once the burst of events is over (see {@link Debouncer}).
 * Informer resyncs and relists after a watch reconnects deliver the same objects again, which
 * change nothing and signal nothing.
 */
public final class LiveCluster implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveCluster.class);

    /**
     * @param enrolmentLabel a namespace is in the mesh when it carries this label with {@code enrolmentValue}
     * @param quiet          how long the cluster must be quiet before a change is signalled
     * @param maxDelay       the longest a change waits while events keep coming
     * @param resync         how often informers re-deliver every object (0: never)
     */
    public record Settings(String enrolmentLabel, String enrolmentValue, Duration quiet, Duration maxDelay,
            Duration resync) {
        /** Namespaces labelled {@code gitmesh.io/inject=enabled}; 100 ms quiet, at most 2 s; resync every 10 min. */
        public static final Settings DEFAULTS = new Settings("gitmesh.io/inject", "enabled", Duration.ofMillis(100),
                Duration.ofSeconds(2), Duration.ofMinutes(10));

        public Settings {
            Objects.requireNonNull(enrolmentLabel, "enrolmentLabel");
            Objects.requireNonNull(enrolmentValue, "enrolmentValue");
            Objects.requireNonNull(quiet, "quiet");
            Objects.requireNonNull(maxDelay, "maxDelay");
            Objects.requireNonNull(resync, "resync");
        }

        public Settings withDebounce(Duration quiet, Duration maxDelay) {
            return new Settings(enrolmentLabel, enrolmentValue, quiet, maxDelay, resync);
        }
    }

    private final KubernetesClient client;
    private final Settings settings;
    private final LiveObjectReader reader;
    private final ClusterCache cache;
    private final ScheduledExecutorService scheduler;
    private final Debouncer debouncer;
    private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
    private final AtomicLong changes = new AtomicLong();

    public LiveCluster(KubernetesClient client, Settings settings, Runnable onChange) {
        this.client = Objects.requireNonNull(client, "client");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.reader = new LiveObjectReader(client.getKubernetesSerialization());
        this.cache = new ClusterCache(settings.enrolmentLabel(), settings.enrolmentValue());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
                .name("gitmesh-cluster-changes").factory());
        this.debouncer = new Debouncer(settings.quiet(), settings.maxDelay(), scheduler, onChange);
    }

    /** Starts the informers and returns once each has listed its objects. */
    public void start() {
        long resync = settings.resync().toMillis();
        informers.add(client.namespaces().inform(new Handler<>(), resync));
        informers.add(client.serviceAccounts().inAnyNamespace().inform(new Handler<>(), resync));
        informers.add(client.services().inAnyNamespace().inform(new Handler<>(), resync));
        informers.add(client.discovery().v1().endpointSlices().inAnyNamespace().inform(new Handler<>(), resync));
        informers.add(client.pods().inAnyNamespace().inform(new Handler<>(), resync));
        LOG.info("watching the cluster: {} objects in namespaces labelled {}={}", objects().size(),
                settings.enrolmentLabel(), settings.enrolmentValue());
    }

    /** The enrolled namespaces and the objects in them, sorted by kind, namespace and name. */
    public List<KubeObject> objects() {
        return cache.enrolled();
    }

    /** How many informer events changed the mesh's view so far (each one signals the debouncer). */
    public long changes() {
        return changes.get();
    }

    @Override
    public void close() {
        informers.forEach(SharedIndexInformer::close);
        scheduler.shutdownNow();
    }

    private void changed(boolean changed) {
        if (changed) {
            changes.incrementAndGet();
            debouncer.signal();
        }
    }

    /** Applies informer events to the cache; runs on the informers' own thread. */
    private final class Handler<T extends HasMetadata> implements ResourceEventHandler<T> {
        @Override
        public void onAdd(T object) {
            upsert(object);
        }

        @Override
        public void onUpdate(T before, T after) {
            upsert(after);
        }

        @Override
        public void onDelete(T object, boolean finalStateUnknown) {
            changed(cache.remove(new ResourceKey(object.getKind(), object.getMetadata().getNamespace(),
                    object.getMetadata().getName())));
        }

        private void upsert(T object) {
            Normalized<KubeObject> read = reader.read(object);
            if (read.value().isPresent()) {
                changed(cache.put(read.value().get()));
                return;
            }
            // an object gitmesh cannot read leaves the mesh, as a file with the same error would
            LOG.warn("ignoring {}: {}", read.diagnostics().isEmpty() ? object.getKind()
                    : read.diagnostics().getFirst().file(),
                    read.diagnostics().stream().map(Diagnostic::message).findFirst().orElse("unreadable"));
            onDelete(object, false);
        }
    }
}
