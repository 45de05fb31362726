package io.gitmesh.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import io.envoyproxy.envoy.config.route.v3.WeightedCluster;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import io.gitmesh.app.run.ControlPlane;
import io.gitmesh.app.run.XdsSecurity;
import io.gitmesh.model.ServiceRef;
import io.gitmesh.reconciler.source.PolicyPaths;
import io.gitmesh.reconciler.trigger.WebhookVerifier;
import io.gitmesh.xds.Flavour;
import io.gitmesh.xds.NodeMetadata;
import io.gitmesh.xds.SnapshotGroup;
import io.gitmesh.xds.translate.ResourceNames;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.concurrent.TimeoutException;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Target G1, commit → first push: {@code gitmesh run} ({@link ControlPlane}) follows the generated
 * repository over {@code file://} and serves one raw ADS client ({@link AdsSubscription}), the Envoy
 * sidecar of {@code svc-9}, subscribed to its outbound route configuration. Each repetition commits a
 * new canary weight for {@code svc-10} (svc-9's destination) and measures, from the moment the commit
 * exists, until the client receives the route configuration carrying that weight.
 *
 * <ul>
 *   <li>webhook: a long poll interval; the harness POSTs a signed push event to {@code /hooks/git}
 *       right after the commit (target ≤ 2 s);</li>
 *   <li>polling: no webhook, a short interval; each commit lands at a random point of the poll cycle
 *       (target ≤ interval + 2 s).</li>
 * </ul>
 *
 * Everything listens on 127.0.0.1 and is torn down at the end; every wait is bounded. Run:
 * {@code bench/commit-to-push [--services 2000] [--warmup 15] [--repetitions 30] [--poll-repetitions 10]
 * [--poll-interval-seconds 2]}.
 */
public final class CommitToPushHarness {
    private static final int SPLIT_SERVICE = 10;
    private static final int CALLER = SPLIT_SERVICE - 1;
    private static final int PORT = 8080;
    private static final Duration PUSH_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration WEBHOOK_TARGET = Duration.ofSeconds(2);
    private static final String ROUTE_TYPE_URL = "type.googleapis.com/"
            + RouteConfiguration.getDescriptor().getFullName();
    private static final byte[] WEBHOOK_SECRET = "gitmesh-bench-webhook-secret".getBytes(UTF_8);
    private static final InetSocketAddress ANY_LOOPBACK_PORT = new InetSocketAddress("127.0.0.1", 0);

    /** How a commit reaches the control plane. */
    private enum Trigger { WEBHOOK, POLLING }

    private record Options(int services, int warmup, int repetitions, int pollRepetitions, Duration pollInterval) {
        static Options parse(String[] args) {
            int services = 2000;
            int warmup = 15;
            int repetitions = 30;
            int pollRepetitions = 10;
            int pollSeconds = 2;
            for (int i = 0; i + 1 < args.length; i += 2) {
                int value = Integer.parseInt(args[i + 1]);
                switch (args[i]) {
                    case "--services" -> services = value;
                    case "--warmup" -> warmup = value;
                    case "--repetitions" -> repetitions = value;
                    case "--poll-repetitions" -> pollRepetitions = value;
                    case "--poll-interval-seconds" -> pollSeconds = value;
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (args.length % 2 != 0) {
                throw new IllegalArgumentException("option " + args[args.length - 1] + " has no value");
            }
            if (services <= SPLIT_SERVICE || repetitions < 1 || pollRepetitions < 0 || warmup < 0 || pollSeconds < 1) {
                throw new IllegalArgumentException("need more than " + SPLIT_SERVICE + " services, at least one "
                        + "repetition and a poll interval of at least one second");
            }
            return new Options(services, warmup, repetitions, pollRepetitions, Duration.ofSeconds(pollSeconds));
        }
    }

    /** One push, measured from the commit: the whole, and its parts as the control plane's status tells them. */
    private record Sample(Duration total, Duration untilPassStart, Duration passAndPush, Duration webhookRoundTrip) { }

    private CommitToPushHarness() {
    }

    public static void main(String[] args) throws Exception {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: bench/commit-to-push [--services N] [--warmup N] [--repetitions N]"
                    + " [--poll-repetitions N] [--poll-interval-seconds S]");
            System.exit(2);
            return;
        }
        report(Trigger.WEBHOOK, options, options.repetitions(), Duration.ofHours(1), WEBHOOK_TARGET);
        if (options.pollRepetitions() > 0) {
            report(Trigger.POLLING, options, options.pollRepetitions(), options.pollInterval(),
                    options.pollInterval().plus(WEBHOOK_TARGET));
        }
    }

    private static void report(Trigger trigger, Options options, int repetitions, Duration interval, Duration target)
            throws Exception {
        double loadBefore = loadAverage();
        List<Sample> samples = measure(trigger, options, repetitions, interval);
        System.out.printf("%ncommit -> first push, %d services, %s%s: %d pushes measured after %d unmeasured"
                        + " (1-minute load average %.2f -> %.2f on %d cores)%n",
                options.services(), trigger.name().toLowerCase(Locale.ROOT),
                trigger == Trigger.POLLING ? " every " + interval.toSeconds() + " s" : "", repetitions,
                options.warmup(), loadBefore, loadAverage(), Runtime.getRuntime().availableProcessors());
        System.out.printf("  %-34s %8s %8s %8s%n", "ms", "p50", "p99", "max");
        line("commit -> route received", samples.stream().map(Sample::total).toList());
        if (trigger == Trigger.WEBHOOK) {
            line("  of which the webhook POST", samples.stream().map(Sample::webhookRoundTrip).toList());
        }
        line("  commit -> pass start", samples.stream().map(Sample::untilPassStart).toList());
        line("  pass start -> route received", samples.stream().map(Sample::passAndPush).toList());
        Duration p99 = percentile(samples.stream().map(Sample::total).toList(), 0.99);
        System.out.printf("  target <= %d ms: %s (p99 %d ms)%n", target.toMillis(),
                p99.compareTo(target) <= 0 ? "met" : "MISSED", p99.toMillis());
    }

    private static List<Sample> measure(Trigger trigger, Options options, int repetitions, Duration interval)
            throws Exception {
        Optional<byte[]> secret = trigger == Trigger.WEBHOOK ? Optional.of(WEBHOOK_SECRET) : Optional.empty();
        SplittableRandom phases = new SplittableRandom(1);
        List<Sample> samples = new ArrayList<>();
        try (FollowedRepository repository = FollowedRepository.create(options.services());
                ControlPlane plane = ControlPlane.start(new ControlPlane.Settings(ANY_LOOPBACK_PORT, ANY_LOOPBACK_PORT,
                        interval, XdsSecurity.insecure(), secret), repository.source(), PolicyPaths.WHOLE_TREE,
                        () -> FollowedRepository.NO_CLUSTER_STATE, FollowedRepository.runCompiler());
                AdsSubscription routes = AdsSubscription.open(plane.xdsAddress(), callerNode(), ROUTE_TYPE_URL,
                        List.of(ResourceNames.outboundRouteConfiguration(PORT)))) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            awaitCanary(routes, SyntheticRepository.INITIAL_CANARY_PERCENT);
            for (int n = 0; n < options.warmup() + repetitions; n++) {
                if (trigger == Trigger.POLLING) {
                    Thread.sleep(Duration.ofNanos(phases.nextLong(interval.toNanos())));
                }
                int percent = 11 + n % 80;
                RevCommit commit = repository.commit(
                        List.of(SyntheticRepository.withCanaryPercent(SPLIT_SERVICE, percent)), "canary " + percent);
                long start = System.nanoTime();
                Instant startedAt = Instant.now();
                Duration webhook = trigger == Trigger.WEBHOOK ? postPushEvent(http, plane, commit) : Duration.ZERO;
                AdsSubscription.Received received = awaitCanary(routes, percent);
                Instant passStart = plane.reconciler().status().lastAppliedAt().orElseThrow();
                if (n >= options.warmup()) {
                    samples.add(new Sample(Duration.ofNanos(received.nanoTime() - start),
                            Duration.between(startedAt, passStart), Duration.between(passStart, received.at()),
                            webhook));
                }
            }
        }
        return samples;
    }

    /** The sidecar of the service that calls {@link #SPLIT_SERVICE}: its outbound routes carry the split. */
    private static Node callerNode() {
        String namespace = SyntheticRepository.namespace(CALLER);
        String name = SyntheticRepository.name(CALLER);
        return Node.newBuilder().setId(namespace + "/" + name + "-bench").setCluster("gitmesh-bench")
                .setMetadata(NodeMetadata.of(SnapshotGroup.of(namespace, name, Flavour.ENVOY))).build();
    }

    /** POSTs a GitHub-style push event signed with the shared secret; returns how long the request took. */
    private static Duration postPushEvent(HttpClient http, ControlPlane plane, RevCommit commit)
            throws IOException, InterruptedException {
        byte[] body = ("{\"ref\":\"refs/heads/" + PolicyGitRepository.BRANCH + "\",\"after\":\"" + commit.name()
                + "\"}").getBytes(UTF_8);
        InetSocketAddress address = plane.httpAddress();
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + address.getPort() + "/hooks/git"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("X-GitHub-Event", "push")
                .header("X-Hub-Signature-256", new WebhookVerifier(WEBHOOK_SECRET).signatureOf(body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        if (response.statusCode() != 202) {
            throw new IllegalStateException("the webhook answered " + response.statusCode() + ": " + response.body());
        }
        return took;
    }

    /** Waits for the route configuration that sends {@code percent} % to the canary; skips any other. */
    private static AdsSubscription.Received awaitCanary(AdsSubscription routes, int percent)
            throws InterruptedException, TimeoutException, InvalidProtocolBufferException {
        long deadline = System.nanoTime() + PUSH_TIMEOUT.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException("no route configuration with a " + percent + " % canary within "
                        + PUSH_TIMEOUT);
            }
            AdsSubscription.Received received = routes.next(Duration.ofNanos(left));
            if (canaryPercent(received.response()).equals(OptionalInt.of(percent))) {
                return received;
            }
        }
    }

    /** The weight the routes of a response give the canary's cluster ({@code svc-10-v2}), if any. */
    private static OptionalInt canaryPercent(DiscoveryResponse response) throws InvalidProtocolBufferException {
        String canary = ResourceNames.cluster(new ServiceRef(SyntheticRepository.namespace(SPLIT_SERVICE),
                SyntheticRepository.name(SPLIT_SERVICE) + "-v2"), PORT);
        for (Any resource : response.getResourcesList()) {
            for (VirtualHost host : resource.unpack(RouteConfiguration.class).getVirtualHostsList()) {
                for (Route route : host.getRoutesList()) {
                    for (WeightedCluster.ClusterWeight cluster : route.getRoute().getWeightedClusters().getClustersList()) {
                        if (cluster.getName().equals(canary)) {
                            return OptionalInt.of(cluster.getWeight().getValue());
                        }
                    }
                }
            }
        }
        return OptionalInt.empty();
    }

    private static void line(String what, List<Duration> values) {
        System.out.printf("  %-34s %8d %8d %8d%n", what, percentile(values, 0.50).toMillis(),
                percentile(values, 0.99).toMillis(), percentile(values, 1.0).toMillis());
    }

    /** Nearest rank: the smallest value with at least {@code fraction} of the values at or below it. */
    private static Duration percentile(List<Duration> values, double fraction) {
        List<Duration> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(fraction * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
