package io.gitmesh.bench.push;

import io.envoyproxy.controlplane.cache.Resources.ResourceType;
import io.gitmesh.bench.mesh.ConfigFigures;
import io.gitmesh.bench.mesh.ScaleMesh;
import io.gitmesh.bench.mesh.ScaleScenario;
import io.gitmesh.model.Mesh;
import io.gitmesh.reconciler.compile.CompiledRevision;
import io.gitmesh.xds.Flavour;
import io.gitmesh.xds.ProxyConfig;
import io.gitmesh.xds.SnapshotGroup;
import io.gitmesh.xds.server.ProxyStatus;
import io.gitmesh.xds.server.PublishResult;
import io.gitmesh.xds.server.XdsServer;
import io.gitmesh.xds.translate.TranslateOptions;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The push benchmark (targets S1, S2, P1–P3 of shared/notes/performance.md), a harness rather than JMH:
 * the {@link ScaleScenario} mesh compiled and translated for its 500 Envoy groups, served by an
 * {@link XdsServer} on 127.0.0.1 in this process, and a {@link LoadClient} in another process with
 * 1,000 ADS streams, two per group. It prints the initial sync, the heap, the idle CPU, and per change
 * (one TrafficSplit weight moved, ten times; then every split moved, three times) the time from
 * {@code publish()} until every stream of every changed group has ACKed the new versions, as the
 * server recorded the ACKs. It stops by itself within {@code limit}. Run: {@code bench/push}, options
 * as {@code key=value}: {@code identities}, {@code streams}, {@code warmup}, {@code changes}, {@code broad},
 * {@code limit} (seconds).
 */
public final class PushBenchmark {
    private static final Duration SYNC_LIMIT = Duration.ofSeconds(90);
    private static final Duration CHANGE_LIMIT = Duration.ofSeconds(30);
    /** After the last awaited ACK, how long stray responses get to show up before the client counts. */
    private static final Duration QUIET = Duration.ofMillis(300);
    private static final Duration SETTLE = Duration.ofSeconds(2);
    private static final Duration IDLE_WINDOW = Duration.ofSeconds(10);
    private static final TranslateOptions TRANSLATION = TranslateOptions.defaults();
    /** The proxies one instance holds in target S1. */
    private static final long S1_PROXIES = 5_000;

    private final PushOptions options;
    private final MonotonicClock clock = new MonotonicClock();
    private final ScaleMesh scale;
    private final XdsServer server;
    private List<SnapshotGroup> groups;
    private Map<SnapshotGroup, Integer> streamsPerGroup;
    private Map<SnapshotGroup, ProxyConfig> served;
    private LoadClientProcess client;

    private PushBenchmark(PushOptions options) {
        this.options = options;
        this.scale = new ScaleMesh(new ScaleScenario(options.identities()));
        this.server = XdsServer.builder(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).clock(clock).build();
    }

    public static void main(String[] args) throws Exception {
        PushOptions options = PushOptions.parse(args);
        exitAfter(options.limit());
        new PushBenchmark(options).run();
        System.exit(0);
    }

    private void run() throws Exception {
        print("machine: %d processors, load average %.2f; java %s; max heap %d MiB", ProcessMeter.processors(),
                ProcessMeter.loadAverage(), Runtime.version(), ProcessMeter.maxHeapBytes() >> 20);
        long start = System.nanoTime();
        CompiledRevision revision = scale.compile();
        Mesh mesh = revision.mesh().orElseThrow();
        groups = ScaleMesh.groups(mesh, Flavour.ENVOY);
        long compiled = System.nanoTime();
        served = ScaleMesh.configs(revision, Flavour.ENVOY, TRANSLATION);
        print("compiled in %d ms (cold), translated %d groups in %d ms (cold)", millis(compiled - start), groups.size(),
                millis(System.nanoTime() - compiled));
        ConfigFigures.of(mesh, served).lines().forEach(line -> print("  %s", line));
        streamsPerGroup = streamsPerGroup(groups, options.streams());
        long modelHeap = ProcessMeter.liveHeapBytes();
        try {
            serve();
            long servedHeap = ProcessMeter.liveHeapBytes();
            connect();
            long syncedHeap = ProcessMeter.liveHeapBytes();
            reportHeap(modelHeap, servedHeap, syncedHeap);
            measureIdle();
            print("one look at every stream's ACKs (XdsServer.proxies(), what the harness polls every 20 ms): %s",
                    Latencies.millis(Acks.costOfLooking(server, 50)));
            // weights: warm-ups 95 down, changes 80 down, broad changes 60 down; no state repeats (PushOptions)
            for (int r = 0; r < options.warmup(); r++) {
                moveOneSplit("warm-up: ", r, 95 - r);
            }
            List<Round> rounds = new ArrayList<>();
            for (int r = 0; r < options.changes(); r++) {
                rounds.add(moveOneSplit("", r, 80 - r));
            }
            List<Round> broad = new ArrayList<>();
            for (int r = 0; r < options.broad(); r++) {
                int weight = 60 - r;
                broad.add(change("every split to " + weight + "/" + (100 - weight), () -> {
                    for (int i = 0; i < options.identities(); i++) {
                        scale.moveSplit(i, weight);
                    }
                }));
            }
            summarise("one split moved", rounds);
            summarise("every split moved", broad);
            print("load average at the end: %.2f", ProcessMeter.loadAverage());
        } finally {
            if (client != null) {
                client.close();
            }
            server.stop(Duration.ofSeconds(5));
        }
    }

    private void serve() throws Exception {
        int port = server.start().getPort();
        Instant before = clock.instant();
        PublishResult result = server.publish(served).get(CHANGE_LIMIT.toSeconds(), TimeUnit.SECONDS);
        print("server on 127.0.0.1:%d, first publish of %d groups applied in %s", port, result.groups(),
                Latencies.millis(Duration.between(before, clock.instant())));
    }

    private void connect() throws InterruptedException {
        Instant before = clock.instant();
        client = LoadClientProcess.start(server.address().getPort(), groups, options.streams(),
                options.limit().plusSeconds(30), "1g");
        print("load client started, %d streams opened after %s", options.streams(),
                Latencies.millis(Duration.between(before, clock.instant())));
        Map<SnapshotGroup, Map<ResourceType, String>> everything = new TreeMap<>();
        served.forEach((group, config) -> everything.put(group, versions(config, type -> true)));
        Latencies sync = Acks.await(server, everything, streamsPerGroup, ProxyStatus::connectedAt, SYNC_LIMIT);
        Duration all = Duration.between(before, clock.instant());
        print("initial sync: every stream ACKed CDS, EDS, LDS and RDS %s after the client started;"
                + " per stream, from its first request: %s", Latencies.millis(all), sync);
    }

    /**
     * The growth from {@code served} to {@code synced} also holds every group's resources packed for
     * sending, once per group however many streams, so a per-stream share of it overstates.
     */
    private void reportHeap(long model, long served, long synced) {
        long perStream = (synced - served) / options.streams();
        print("live heap: model and configs %d MiB; + server with configs published %d MiB; + %d streams synced %d MiB"
                + " (%d KiB per stream, packed resources included)", model >> 20, served >> 20, options.streams(),
                synced >> 20, perStream >> 10);
        if (options.streams() < S1_PROXIES) {
            print("  extrapolated to %,d proxies on the same mesh: at most %d MiB (S1: <= 4 GiB)", S1_PROXIES,
                    (synced + (S1_PROXIES - options.streams()) * perStream) >> 20);
        }
    }

    private void measureIdle() throws InterruptedException {
        Thread.sleep(SETTLE.toMillis());
        Duration serverCpu = ProcessMeter.cpu();
        Duration clientCpu = client.cpu();
        long start = System.nanoTime();
        Thread.sleep(IDLE_WINDOW.toMillis());
        long wall = System.nanoTime() - start;
        print("idle over %d s: server process %.2f %% of a core, load client %.2f %% (S2: <= 5 %%); load average %.2f",
                IDLE_WINDOW.toSeconds(), percent(ProcessMeter.cpu().minus(serverCpu), wall),
                percent(client.cpu().minus(clientCpu), wall), ProcessMeter.loadAverage());
    }

    /** Moves the split of an identity chosen by {@code r}, spread over the namespaces, to a weight not used before. */
    private Round moveOneSplit(String label, int r, int weight) throws Exception {
        int identity = (r * 53 + 7) % options.identities();
        return change(label + "split of identity " + identity + " to " + weight + "/" + (100 - weight),
                () -> scale.moveSplit(identity, weight));
    }

    private Round change(String what, Runnable edit) throws Exception {
        client.mark();
        long start = System.nanoTime();
        edit.run();
        CompiledRevision revision = scale.compile();
        long compiled = System.nanoTime();
        Map<SnapshotGroup, ProxyConfig> configs = ScaleMesh.configs(revision, Flavour.ENVOY, TRANSLATION);
        long translated = System.nanoTime();
        Map<SnapshotGroup, Map<ResourceType, String>> awaited = changedVersions(served, configs);
        Duration cpuBefore = ProcessMeter.cpu();
        Instant published = clock.instant();
        PublishResult result = server.publish(configs).get(CHANGE_LIMIT.toSeconds(), TimeUnit.SECONDS);
        Duration applied = Duration.between(published, clock.instant());
        Latencies acks = Acks.await(server, awaited, streamsPerGroup, proxy -> published, CHANGE_LIMIT);
        Duration cpu = ProcessMeter.cpu().minus(cpuBefore);
        Thread.sleep(QUIET.toMillis());
        LoadClientProcess.Received received = client.count();
        served = configs;
        if (!result.changed().equals(List.copyOf(awaited.keySet()))) {
            throw new IllegalStateException("the server re-published " + result.changed().size()
                    + " groups, but the configs of " + awaited.size() + " changed");
        }
        Round round = new Round(what, millis(compiled - start), millis(translated - compiled), awaited.size(),
                awaited.keySet().stream().mapToInt(group -> streamsPerGroup.getOrDefault(group, 0)).sum(), applied, acks, received, cpu);
        print("%s", round);
        return round;
    }

    private void summarise(String what, List<Round> rounds) {
        if (rounds.isEmpty()) {
            return;
        }
        Latencies all = Latencies.union(rounds.stream().map(Round::acks).toList());
        Latencies p99s = Latencies.of(rounds.stream().map(round -> round.acks().percentile(0.99)).toList());
        Latencies lasts = Latencies.of(rounds.stream().map(round -> round.acks().max()).toList());
        print("%s, %d changes: publish to ACK over every affected stream of every change: %s", what, rounds.size(), all);
        print("  per change: median p99 %s, median time until the last ACK %s, worst %s",
                Latencies.millis(p99s.percentile(0.5)), Latencies.millis(lasts.percentile(0.5)),
                Latencies.millis(lasts.max()));
    }

    /** Per group whose config changed, the versions of the types that changed. */
    private static Map<SnapshotGroup, Map<ResourceType, String>> changedVersions(
            Map<SnapshotGroup, ProxyConfig> before, Map<SnapshotGroup, ProxyConfig> after) {
        Map<SnapshotGroup, Map<ResourceType, String>> changed = new TreeMap<>();
        after.forEach((group, config) -> {
            ProxyConfig old = before.get(group);
            if (!config.equals(old)) {
                changed.put(group, versions(config, type -> old == null || !old.version(type).equals(config.version(type))));
            }
        });
        return changed;
    }

    /** The versions of the xDS types a sidecar asks for, those that hold resources and pass {@code which}. */
    private static Map<ResourceType, String> versions(ProxyConfig config, Predicate<ResourceType> which) {
        Map<ResourceType, String> versions = new EnumMap<>(ResourceType.class);
        for (ResourceType type : List.of(ResourceType.CLUSTER, ResourceType.ENDPOINT, ResourceType.LISTENER,
                ResourceType.ROUTE)) {
            if (!config.resources(type).resources().isEmpty() && which.test(type)) {
                versions.put(type, config.version(type));
            }
        }
        return versions;
    }

    /** Stream {@code k} of the load client is in group {@code k mod groups}. */
    private static Map<SnapshotGroup, Integer> streamsPerGroup(List<SnapshotGroup> groups, int streams) {
        Map<SnapshotGroup, Integer> counts = new TreeMap<>();
        for (int k = 0; k < streams; k++) {
            counts.merge(groups.get(k % groups.size()), 1, Integer::sum);
        }
        return counts;
    }

    private static double percent(Duration cpu, long wallNanos) {
        return 100.0 * cpu.toNanos() / wallNanos;
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    private static void print(String format, Object... args) {
        System.out.println(format.formatted(args));
    }

    private static void exitAfter(Duration limit) {
        Thread.ofPlatform().daemon().name("push-benchmark-limit").start(() -> {
            try {
                Thread.sleep(limit.toMillis());
                System.err.println("push benchmark: stopping after its limit of " + limit.toSeconds() + " s");
                System.exit(3);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
