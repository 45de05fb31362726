package io.gitmesh.reconciler.status;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.events.v1.Event;
import io.fabric8.kubernetes.api.model.events.v1.EventBuilder;
import io.fabric8.kubernetes.api.model.events.v1.EventSeries;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.gitmesh.reconciler.loop.AppliedSources;
import io.gitmesh.reconciler.loop.Outcome;
import io.gitmesh.reconciler.loop.RevisionListener;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each revision's outcome as a Kubernetes Event (events.k8s.io/v1) about a configured object, e.g.
 * the gitmesh Deployment: reason {@code Applied}, {@code Refused} or {@code FetchFailed}. The same
 * outcome for the same commit is one Event whose {@code series.count} grows with each pass that
 * repeats it: the Event's name is derived from the outcome, so a restarted or new leader finds it too.
 * Writes happen on a thread of their own, only while started (on the leader).
 */
public final class KubernetesEvents implements RevisionListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KubernetesEvents.class);
    private static final DateTimeFormatter MICRO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSX")
            .withZone(ZoneOffset.UTC);

    private final KubernetesClient client;
    private final EventSettings settings;
    private final Clock clock;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon()
            .name("gitmesh-events").factory());
    private volatile boolean active;
    private volatile Optional<OutcomeReport> latest = Optional.empty();

    public KubernetesEvents(KubernetesClient client, EventSettings settings, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Starts writing Events (this replica leads). The latest outcome reported before is recorded unless an
     * Event for it exists already (the previous leader wrote it), so a revision applied before this replica
     * won the election is not left without an Event.
     */
    public void start() {
        active = true;
        latest.ifPresent(report -> submit(() -> record(report, false)));
    }

    /** Stops writing Events; outcomes reported meanwhile are the new leader's to report. */
    public void stop() {
        active = false;
    }

    @Override
    public void passed(Outcome outcome, Optional<AppliedSources> applied) {
        OutcomeReport.of(outcome).ifPresent(report -> {
            latest = Optional.of(report);
            if (active) {
                submit(() -> record(report, true));
            }
        });
    }

    private void submit(Runnable recording) {
        try {
            worker.execute(recording);
        } catch (RejectedExecutionException closed) {
            LOG.debug("closed; not recording an event");
        }
    }

    @Override
    public void close() {
        active = false;
        worker.shutdown();
    }

    /** The Event's name: the regarding object's name and a digest of what the report is about. */
    static String eventName(EventSettings settings, OutcomeReport report) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(report.identity().getBytes(UTF_8));
            return settings.name() + "." + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /** @param repeat whether an existing Event for the same outcome counts one more occurrence */
    private void record(OutcomeReport report, boolean repeat) {
        String name = eventName(settings, report);
        Resource<Event> resource = client.events().v1().events().inNamespace(settings.namespace()).withName(name);
        MicroTime now = new MicroTime(MICRO_TIME.format(clock.instant()));
        try {
            Event existing = resource.get();
            if (existing == null) {
                client.events().v1().events().inNamespace(settings.namespace()).resource(event(name, report, now))
                        .create();
                LOG.info("event reason={} {}", report.reason(), name);
            } else if (repeat) {
                int count = existing.getSeries() == null ? 2 : existing.getSeries().getCount() + 1;
                existing.setSeries(new EventSeries(count, now));
                client.events().v1().events().inNamespace(settings.namespace()).resource(existing).update();
                LOG.debug("event reason={} {} count={}", report.reason(), name, count);
            }
        } catch (KubernetesClientException e) {
            LOG.warn("cannot record event reason={} in namespace {}: HTTP {} {}", report.reason(),
                    settings.namespace(), e.getCode(), e.getStatus() == null ? "" : e.getStatus().getMessage());
        }
    }

    private Event event(String name, OutcomeReport report, MicroTime now) {
        return new EventBuilder().withNewMetadata().withName(name).withNamespace(settings.namespace()).endMetadata()
                .withEventTime(now).withReportingController(EventSettings.CONTROLLER)
                .withReportingInstance(settings.instance()).withAction("Reconcile")
                .withReason(report.reason().name()).withType(report.eventType()).withNote(report.note())
                .withRegarding(new ObjectReferenceBuilder().withApiVersion(settings.apiVersion())
                        .withKind(settings.kind()).withNamespace(settings.namespace()).withName(settings.name())
                        .withUid(settings.uid().isEmpty() ? null : settings.uid()).build())
                .build();
    }
}
