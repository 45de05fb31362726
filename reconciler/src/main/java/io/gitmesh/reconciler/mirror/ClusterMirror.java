package io.gitmesh.reconciler.mirror;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.gitmesh.reconciler.loop.AppliedSources;
import io.gitmesh.reconciler.loop.Outcome;
import io.gitmesh.reconciler.loop.RevisionListener;
import io.gitmesh.schema.Limits;
import io.gitmesh.schema.ResourceKey;
import io.gitmesh.schema.policy.PolicyDocument;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the SMI documents of the applied revision into the cluster as custom resources, prunes the
 * ones gitmesh owns that left git, and watches them for drift. The decision is {@link MirrorDecision}'s;
 * this class lists the cluster, runs the plan and reports. Checks run on one thread of their own,
 * after each applied revision and after any change to an SMI object (informers on all SMI kinds,
 * whoever owns the objects, so a removed ownership label is seen too).
 *
 * <p>A writer: only the leader runs it. Before {@link #start()} and after {@link #stop()} it only
 * remembers the latest applied revision; it writes nothing, and it never prunes before a revision
 * has been applied.
 */
public final class ClusterMirror implements RevisionListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterMirror.class);

    private final KubernetesClient client;
    private final MirrorSettings settings;
    private final Limits limits;
    private final MeterRegistry meters;
    private final MirrorDecision decision;
    private final MirrorCodec codec;
    private final MirrorWriter writer;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon()
            .name("gitmesh-mirror").factory());
    private final AtomicBoolean checkQueued = new AtomicBoolean();

    private volatile boolean active;
    private volatile AppliedSources latest;
    private volatile MirrorStatus status = MirrorStatus.INITIAL;
    // the fields below are used on the worker thread only
    private final Map<SmiKind, List<String>> served = new EnumMap<>(SmiKind.class);
    private final List<SharedIndexInformer<GenericKubernetesResource>> informers = new ArrayList<>();
    private String writtenCommit = "";
    private AppliedSources desiredFrom;
    private DesiredState desired;
    private Set<Drift> reportedDrift = Set.of();
    private Set<Notice> reportedNotices = Set.of();

    public ClusterMirror(KubernetesClient client, MirrorSettings settings, Limits limits, MeterRegistry meters) {
        this.client = Objects.requireNonNull(client, "client");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.meters = Objects.requireNonNull(meters, "meters");
        this.decision = new MirrorDecision(settings);
        this.codec = new MirrorCodec(client.getKubernetesSerialization());
        this.writer = new MirrorWriter(client, codec, settings.writes());
    }

    /** Becomes the writer: finds the SMI CRDs, watches their objects and brings them in line with git. */
    public void start() {
        active = true;
        requestCheck();
    }

    /** Stops writing and watching (leadership lost); the latest revision is kept for the next start. */
    public void stop() {
        active = false;
        if (!worker.isShutdown()) {
            worker.execute(this::stopWatching);
        }
    }

    @Override
    public void passed(Outcome outcome, Optional<AppliedSources> applied) {
        applied.ifPresent(sources -> {
            latest = sources;
            requestCheck();
        });
    }

    public MirrorStatus status() {
        return status;
    }

    /** Stops, and returns once the informers are closed (or after ten seconds). */
    @Override
    public void close() {
        stop();
        worker.shutdown();
        try {
            worker.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void requestCheck() {
        if (checkQueued.compareAndSet(false, true)) {
            try {
                worker.execute(() -> {
                    checkQueued.set(false);
                    if (active) {
                        checkAndReportFailure();
                    }
                });
            } catch (RejectedExecutionException closed) {
                // an informer event racing close(): there is nothing left to check
            }
        }
    }

    private void checkAndReportFailure() {
        try {
            check();
        } catch (KubernetesClientException e) {
            // the API server is unreachable or refuses a read: the next change, resync or revision tries again
            Notice failure = new Notice("cluster", "cannot compare the SMI objects with git: "
                    + MirrorWriter.describe(e));
            LOG.warn("mirror {}", failure);
            status = new MirrorStatus(true, writtenCommit, status.drift(), List.of(failure), status.checks() + 1);
        }
    }

    private void check() {
        boolean newKinds = watchKnownKinds();
        AppliedSources sources = latest;
        if (sources == null) {
            return;
        }
        if (newKinds || sources != desiredFrom) {
            desired = desired(sources);
            desiredFrom = sources;
        }
        // the API server, not the informers' stores, is the truth here: a store may not have seen
        // the mirror's own last writes yet, which would look like objects deleted in the cluster
        Map<ResourceKey, String> versions = new TreeMap<>();
        List<MirrorObject> actual = new ArrayList<>();
        served.forEach((kind, kindVersions) -> writer.resources(kind, kindVersions.getFirst()).inAnyNamespace().list()
                .getItems().forEach(r -> {
                    MirrorObject object = codec.read(r);
                    versions.put(object.key(), r.getMetadata().getResourceVersion());
                    actual.add(object);
                }));
        MirrorPlan plan = decision.decide(desired, actual, writtenCommit);
        List<Notice> failures = writer.write(plan, versions, served);
        if (failures.isEmpty()) {
            writtenCommit = desired.commit();
        }
        report(plan, failures);
    }

    private DesiredState desired(AppliedSources sources) {
        List<PolicyDocument> documents = sources.revision().compiled().checked().policies().documents().stream()
                .filter(d -> SmiKind.of(d.kind()).isPresent()).toList();
        Set<String> files = documents.stream().map(d -> d.origin().file()).collect(Collectors.toSet());
        Map<String, List<String>> servedByKind = new TreeMap<>();
        served.forEach((kind, versions) -> servedByKind.put(kind.kind(), versions));
        return DesiredObjects.of(sources.revision().commit().id().hex(), documents,
                SourceTrees.read(sources.files(), files, limits), servedByKind);
    }

    private void report(MirrorPlan plan, List<Notice> failures) {
        Set<Drift> drift = new HashSet<>(plan.drift());
        plan.drift().stream().filter(d -> !reportedDrift.contains(d)).forEach(d -> {
            LOG.warn("drift {}", d.describe());
            meters.counter("gitmesh.mirror.drift", "kind", d.key().kind()).increment();
        });
        reportedDrift = drift;
        List<Notice> notices = new ArrayList<>(plan.notices());
        notices.addAll(failures);
        notices.stream().filter(n -> !reportedNotices.contains(n)).forEach(n -> LOG.warn("mirror {}", n));
        reportedNotices = new HashSet<>(notices);
        MirrorStatus before = status;
        status = new MirrorStatus(true, writtenCommit, plan.drift(), notices.stream().sorted().toList(),
                before.checks() + 1);
    }

    /** Finds the CRDs not found yet and starts watching their objects; returns whether it found any. */
    private boolean watchKnownKinds() {
        boolean found = false;
        for (SmiKind kind : SmiKind.values()) {
            if (served.containsKey(kind)) {
                continue;
            }
            CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions()
                    .withName(kind.crdName()).get();
            if (crd == null) {
                continue;
            }
            List<String> versions = crd.getSpec().getVersions().stream()
                    .filter(v -> Boolean.TRUE.equals(v.getServed()))
                    .sorted(Comparator.comparing((CustomResourceDefinitionVersion v) ->
                            !Boolean.TRUE.equals(v.getStorage()))) // the storage version first
                    .map(CustomResourceDefinitionVersion::getName).toList();
            if (versions.isEmpty()) {
                continue;
            }
            served.put(kind, versions);
            found = true;
            informers.add(writer.resources(kind, versions.getFirst()).inAnyNamespace().inform(new Changes(),
                    settings.resync().toMillis()));
        }
        return found;
    }

    private void stopWatching() {
        informers.forEach(SharedIndexInformer::close);
        informers.clear();
        served.clear();
        desiredFrom = null; // the CRDs may differ when watching starts again
        status = new MirrorStatus(false, status.writtenCommit(), status.drift(), status.notices(), status.checks());
    }

    /** Any change to an SMI object asks for a check. */
    private final class Changes implements ResourceEventHandler<GenericKubernetesResource> {
        @Override
        public void onAdd(GenericKubernetesResource object) {
            requestCheck();
        }

        @Override
        public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource after) {
            requestCheck();
        }

        @Override
        public void onDelete(GenericKubernetesResource object, boolean finalStateUnknown) {
            requestCheck();
        }
    }
}
