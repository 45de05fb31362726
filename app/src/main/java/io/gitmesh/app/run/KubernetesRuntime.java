package io.gitmesh.app.run;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.gitmesh.ca.Fingerprint;
import io.gitmesh.injector.secrets.BootstrapSecretController;
import io.gitmesh.injector.secrets.BootstrapSecretInformers;
import io.gitmesh.reconciler.compile.ClusterInput;
import io.gitmesh.reconciler.kube.Leadership;
import io.gitmesh.reconciler.kube.LiveCluster;
import io.gitmesh.reconciler.loop.RevisionListener;
import io.gitmesh.reconciler.mirror.ClusterMirror;
import io.gitmesh.reconciler.mirror.MirrorSettings;
import io.gitmesh.reconciler.mirror.MirrorStatus;
import io.gitmesh.reconciler.status.CommitStatusPublisher;
import io.gitmesh.reconciler.status.EventSettings;
import io.gitmesh.reconciler.status.KubernetesEvents;
import io.gitmesh.schema.Limits;
import io.gitmesh.xds.secrets.SigningAuthority;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code gitmesh run --cluster kube}: the live cluster (informers) feeding every replica's
 * computation, and the writers — SMI objects in the cluster, Kubernetes Events, and with mTLS the
 * injected pods' bootstrap Secrets — that run only on the replica holding the leader Lease. Every replica serves xDS; losing the lease stops only the writers.
 * The bootstrap Secrets follow a root rotation's stages while this replica writes them.
 */
public final class KubernetesRuntime implements RotationParticipant, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KubernetesRuntime.class);

    /**
     * @param namespace  gitmesh's own namespace (the Lease and the Events live there)
     * @param replica    this replica's name (its pod name), unique among the replicas
     * @param deployment the Deployment the Events are about
     * @param caSecret   with mTLS, the Secret in {@code namespace} that holds the CA (created on first start)
     */
    public record Settings(String namespace, String replica, String deployment, String caSecret,
            LiveCluster.Settings live, MirrorSettings mirror, Leadership.Settings leadership) {
        public Settings {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(caSecret, "caSecret");
            Objects.requireNonNull(replica, "replica");
            Objects.requireNonNull(deployment, "deployment");
            Objects.requireNonNull(live, "live");
            Objects.requireNonNull(mirror, "mirror");
            Objects.requireNonNull(leadership, "leadership");
        }

        /** The defaults for a replica in {@code namespace}: enrolment label, 100 ms / 2 s debounce, 15 s lease. */
        public static Settings defaults(String namespace, String replica) {
            return new Settings(namespace, replica, "gitmesh", "gitmesh-ca", LiveCluster.Settings.DEFAULTS,
                    MirrorSettings.DEFAULTS, Leadership.Settings.defaults(namespace, replica));
        }

        public Settings withMirror(MirrorSettings mirror) {
            return new Settings(namespace, replica, deployment, caSecret, live, mirror, leadership);
        }

        public Settings withLeadership(Leadership.Settings leadership) {
            return new Settings(namespace, replica, deployment, caSecret, live, mirror, leadership);
        }
    }

    private final LiveCluster live;
    private final ClusterMirror mirror;
    private final KubernetesEvents events;
    private final Leadership leadership;
    private final KubernetesClient client;
    private final Optional<Supplier<BootstrapSecretController>> bootstrapSecrets;
    /** Guarded by {@code this}: the bootstrap Secrets' controller and informers while leading. */
    private BootstrapSecretController bootstrapSecretController;
    private BootstrapSecretInformers bootstrapSecretInformers;
    private final List<CommitStatusPublisher> leaderOnly = new CopyOnWriteArrayList<>();

    /**
     * @param onClusterChange  runs once a burst of cluster changes is over (on the informers' debounce thread)
     * @param bootstrapSecrets with mTLS: makes the controller of the injected pods' bootstrap Secrets
     */
    KubernetesRuntime(KubernetesClient client, Settings settings, Limits limits, MeterRegistry meters, Clock clock,
            Runnable onClusterChange, Optional<Supplier<BootstrapSecretController>> bootstrapSecrets) {
        this.client = client;
        this.bootstrapSecrets = Objects.requireNonNull(bootstrapSecrets, "bootstrapSecrets");
        this.live = new LiveCluster(client, settings.live(), onClusterChange);
        this.mirror = new ClusterMirror(client, settings.mirror(), limits, meters);
        this.events = new KubernetesEvents(client, new EventSettings(settings.namespace(), "apps/v1", "Deployment",
                settings.deployment(), uidOf(client, settings), settings.replica()), clock);
        this.leadership = new Leadership(client, settings.leadership(), this::startWriting, this::stopWriting);
    }

    /** Lists the cluster; returns once every informer has synced. */
    void watch() {
        live.start();
    }

    /** Stands for leader; the writers start when this replica wins. Call once xDS is served. */
    void standForLeader() {
        leadership.start();
    }

    /** The cluster as the informers see it now. */
    ClusterInput clusterInput() {
        return new ClusterInput.Live(live.objects());
    }

    /** Hands each pass's outcome to the writers (they act only while this replica leads). */
    RevisionListener listener() {
        return (outcome, applied) -> {
            mirror.passed(outcome, applied);
            events.passed(outcome, applied);
        };
    }

    /** Runs {@code status} only while this replica leads (one replica posts each commit status). */
    void writeWhileLeading(CommitStatusPublisher status) {
        leaderOnly.add(status);
    }

    boolean isLeader() {
        return leadership.isLeader();
    }

    Optional<String> leader() {
        return leadership.leader();
    }

    MirrorStatus mirrorStatus() {
        return mirror.status();
    }

    @Override
    public synchronized void use(SigningAuthority authority) {
        if (bootstrapSecretController != null) {
            bootstrapSecretController.useAuthority(authority.authority(), authority.signingRoot());
        }
    }

    @Override
    public synchronized int peersWithout(Fingerprint root) {
        return bootstrapSecretController == null ? 0 : bootstrapSecretController.secretsWithout(root);
    }

    @Override
    public synchronized int liveCertificatesOf(Fingerprint root) {
        return bootstrapSecretController == null ? 0 : bootstrapSecretController.liveCertificatesOf(root);
    }

    @Override
    public void close() {
        leadership.close();
        mirror.close();
        events.close();
        live.close();
    }

    private synchronized void startWriting() {
        mirror.start();
        events.start();
        leaderOnly.forEach(CommitStatusPublisher::start);
        bootstrapSecrets.ifPresent(controller -> {
            bootstrapSecretController = controller.get();
            bootstrapSecretInformers = BootstrapSecretInformers.start(client, bootstrapSecretController,
                    BootstrapSecretInformers.DEFAULT_CHECK_INTERVAL);
        });
    }

    private synchronized void stopWriting() {
        mirror.stop();
        events.stop();
        leaderOnly.forEach(CommitStatusPublisher::stop);
        if (bootstrapSecretInformers != null) {
            bootstrapSecretInformers.close();
            bootstrapSecretInformers = null;
            bootstrapSecretController = null;
        }
    }

    /** The Deployment's uid, so that {@code kubectl describe} lists the Events; "" when it cannot be read. */
    private static String uidOf(KubernetesClient client, Settings settings) {
        try {
            return Optional.ofNullable(client.apps().deployments().inNamespace(settings.namespace())
                    .withName(settings.deployment()).get()).map(HasMetadata::getMetadata).map(m -> m.getUid())
                    .orElse("");
        } catch (KubernetesClientException e) {
            LOG.warn("cannot read Deployment {}/{} ({}); Events will name it without its uid", settings.namespace(),
                    settings.deployment(), e.getMessage());
            return "";
        }
    }
}
