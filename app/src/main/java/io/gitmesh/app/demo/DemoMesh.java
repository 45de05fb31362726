package io.gitmesh.app.demo;

import io.gitmesh.app.run.ControlPlane;
import io.gitmesh.app.run.XdsSecurity;
import io.gitmesh.reconciler.compile.RevisionCompiler;
import io.gitmesh.reconciler.files.DirectorySource;
import io.gitmesh.reconciler.git.JGitSource;
import io.gitmesh.reconciler.loop.Outcome;
import io.gitmesh.reconciler.source.GitRepositoryConfig;
import io.gitmesh.reconciler.source.PolicyPaths;
import io.gitmesh.reconciler.source.Reference;
import io.gitmesh.schema.Diagnostic;
import io.gitmesh.schema.Limits;
import io.gitmesh.schema.SourceFiles;
import io.gitmesh.schema.policy.MeshConfig;
import io.grpc.Channel;
import io.grpc.ManagedChannel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Everything the demo runs, in this process: its policy repository, gitmesh following it (push webhook
 * with a generated secret; xDS over mTLS and HTTP on free loopback ports; its CA in the demo's folder),
 * and the bookstore's workloads as proxyless gRPC servers and callers, each with its own identity,
 * bootstrap and certificate from gitmesh's CA.
 */
final class DemoMesh implements AutoCloseable {
    /** The Service the callers call: bookstore's port in sample-repo/cluster/bookstore.yaml. */
    static final String BOOKSTORE = "bookstore.bookstore.svc.cluster.local:14001";
    /** The Service the bookstores restock at: sample-repo/cluster/bookwarehouse.yaml. */
    static final String BOOKWAREHOUSE = "bookwarehouse.bookwarehouse.svc.cluster.local:14001";
    /** How many of the callers' calls a second each bookstore's restocks make. */
    private static final int CALLS_PER_RESTOCK = 10;
    /** The name workloads dial the xDS server by (on loopback), a DNS name of its certificate. */
    private static final String XDS_SERVER_NAME = "localhost";
    /** How often gitmesh also polls the repository, for commits made without the webhook. */
    static final Duration POLL_INTERVAL = Duration.ofSeconds(10);

    /**
     * @param sampleRepository the policy to start from
     * @param directory        where the repository, certificates, cluster state and logs go
     * @param callsPerSecond   how often each caller calls bookstore
     * @param startTimeout     how long a server may wait for its listener
     */
    record Settings(Path sampleRepository, Path directory, int callsPerSecond, Duration startTimeout) {
    }

    private final Deque<AutoCloseable> running;
    private final TrafficRecorder recorder = new TrafficRecorder();
    private final DemoRepository repository;
    private final ControlPlane plane;
    private final PushWebhook webhook;
    private long callersStartedAt;

    private DemoMesh(Settings settings, RevisionCompiler compiler, Deque<AutoCloseable> running) throws IOException {
        this.running = running;
        repository = keep(DemoRepository.create(settings.sampleRepository(), settings.directory().resolve("repo"),
                "Start from gitmesh's sample repository"));
        Map<DemoWorkload, Integer> ports = new LinkedHashMap<>();
        DemoWorkload.SERVERS.forEach(server -> ports.put(server, freeLoopbackPort()));
        Path cluster = Files.createDirectories(settings.directory().resolve("cluster")).resolve("pods.yaml");
        Files.writeString(cluster, DemoPods.yaml(ports), StandardCharsets.UTF_8);
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        byte[] secret = HexFormat.of().formatHex(random).getBytes(StandardCharsets.US_ASCII);
        JGitSource source = keep(new JGitSource(GitRepositoryConfig.of(repository.root().toUri().toString(),
                new Reference.Branch(DemoRepository.BRANCH)), settings.directory().resolve("cache"), Limits.DEFAULT));
        DirectorySource files = new DirectorySource(Limits.DEFAULT);
        XdsSecurity.MutualTls xdsSecurity = new XdsSecurity.MutualTls(settings.directory().resolve("ca"),
                MeshConfig.DEFAULT_TRUST_DOMAIN, XDS_SERVER_NAME);
        plane = keep(ControlPlane.start(new ControlPlane.Settings(loopback(), loopback(), POLL_INTERVAL, xdsSecurity,
                Optional.of(secret)), source, PolicyPaths.WHOLE_TREE, () -> read(files, cluster), compiler));
        requireApplied(plane.reconciler().status().lastOutcome());
        webhook = new PushWebhook(plane.httpAddress(), secret);
        startWorkloads(settings, ports);
    }

    /** Starts it all; the first commit is served and the callers are calling when this returns. */
    static DemoMesh start(Settings settings, RevisionCompiler compiler) {
        Deque<AutoCloseable> running = new ArrayDeque<>();
        try {
            return new DemoMesh(settings, compiler, running);
        } catch (IOException e) {
            closeAll(running);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            closeAll(running);
            throw e;
        }
    }

    DemoRepository repository() {
        return repository;
    }

    ControlPlane controlPlane() {
        return plane;
    }

    PushWebhook webhook() {
        return webhook;
    }

    TrafficRecorder recorder() {
        return recorder;
    }

    /** When the callers made their first calls, on {@link System#nanoTime()}'s scale. */
    long callersStartedAt() {
        return callersStartedAt;
    }

    private void startWorkloads(Settings settings, Map<DemoWorkload, Integer> ports) {
        WorkloadBootstraps bootstraps = new WorkloadBootstraps(XDS_SERVER_NAME, plane.xdsAddress().getPort());
        Map<DemoWorkload, Path> certificateOf = new LinkedHashMap<>();
        Stream.concat(DemoWorkload.SERVERS.stream(), DemoWorkload.CALLERS.stream())
                .forEach(workload -> certificateOf.put(workload, issue(workload, settings.directory())));
        List<ProxylessServer> servers = ports.entrySet().stream()
                .map(server -> keep(ProxylessServer.start(server.getKey(), server.getValue(),
                        bootstraps.of(server.getKey(), certificateOf.get(server.getKey())))))
                .toList();
        servers.forEach(server -> server.awaitStarted(settings.startTimeout()));
        callersStartedAt = System.nanoTime();
        for (DemoWorkload caller : DemoWorkload.CALLERS) {
            Path certificate = certificateOf.get(caller);
            ProxylessChannel channel = keep(ProxylessChannel.open(BOOKSTORE, bootstraps.of(caller, certificate)));
            Optional<Channel> aroundTheMesh = Optional.empty();
            if (caller.equals(DemoWorkload.BOOKTHIEF)) {
                ManagedChannel direct = DirectChannel.open(ports.get(DemoWorkload.BOOKSTORE_V1), certificate);
                AutoCloseable closeDirect = direct::shutdownNow;
                keep(closeDirect);
                aroundTheMesh = Optional.of(direct);
            }
            keep(Caller.start(new Caller.Plan(caller.name(), BookstoreApi.BUY_A_BOOK, settings.callsPerSecond()),
                    channel.channel(), aroundTheMesh, recorder));
        }
        int restocksPerSecond = restocksPerSecond(settings.callsPerSecond());
        for (DemoWorkload bookstore : DemoWorkload.RESTOCKING) {
            ProxylessChannel channel = keep(ProxylessChannel.open(BOOKWAREHOUSE,
                    bootstraps.of(bookstore, certificateOf.get(bookstore))));
            keep(Caller.start(new Caller.Plan(bookstore.name(), BookstoreApi.RESTOCK_BOOKS, restocksPerSecond),
                    channel.channel(), Optional.empty(), recorder));
        }
    }

    /**
     * Issues the workload's certificate from gitmesh's CA into {@code certs/<namespace>/<service account>}
     * of {@code directory}; the folder.
     */
    private Path issue(DemoWorkload workload, Path directory) {
        Path files = directory.resolve("certs").resolve(workload.identity().namespace())
                .resolve(workload.identity().serviceAccount());
        plane.writeWorkloadFiles(workload.identity(), MeshConfig.DEFAULT_WORKLOAD_LIFETIME, files);
        return files;
    }

    /** How often each bookstore restocks when each caller calls {@code callsPerSecond} times a second. */
    static int restocksPerSecond(int callsPerSecond) {
        return Math.max(1, callsPerSecond / CALLS_PER_RESTOCK);
    }

    private <T extends AutoCloseable> T keep(T resource) {
        running.push(resource);
        return resource;
    }

    private static void requireApplied(Optional<Outcome> first) {
        if (first.orElse(null) instanceof Outcome.Refused refused) {
            throw new IllegalStateException("gitmesh refused the sample repository:\n" + refused.errors().stream()
                    .map(Diagnostic::toText).collect(Collectors.joining("\n")));
        }
        if (!(first.orElse(null) instanceof Outcome.Applied)) {
            throw new IllegalStateException("gitmesh could not apply the sample repository: " + first
                    .map(Outcome::word).orElse("no outcome"));
        }
    }

    private static InetSocketAddress loopback() {
        return new InetSocketAddress("127.0.0.1", 0);
    }

    private static int freeLoopbackPort() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port: " + e.getMessage(), e);
        }
    }

    private static SourceFiles read(DirectorySource files, Path cluster) {
        try {
            return files.read(cluster);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops everything, callers first, the repository last. */
    @Override
    public void close() {
        closeAll(running);
    }

    private static void closeAll(Deque<AutoCloseable> running) {
        while (!running.isEmpty()) {
            try {
                running.pop().close();
            } catch (Exception e) {
                // stopping: what fails to close has nothing left to do
            }
        }
    }
}
