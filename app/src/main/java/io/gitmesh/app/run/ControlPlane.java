package io.gitmesh.app.run;

import io.gitmesh.app.http.HttpEndpoints;
import io.gitmesh.reconciler.compile.RevisionCompiler;
import io.gitmesh.reconciler.loop.ReconcileLoop;
import io.gitmesh.reconciler.loop.Reconciler;
import io.gitmesh.reconciler.source.GitSource;
import io.gitmesh.reconciler.source.PolicyPaths;
import io.gitmesh.reconciler.trigger.WebhookVerifier;
import io.gitmesh.schema.Diagnostic;
import io.gitmesh.schema.SourceFiles;
import io.gitmesh.xds.ProxyConfig;
import io.gitmesh.xds.SnapshotGroup;
import io.gitmesh.xds.server.XdsServer;
import io.gitmesh.xds.translate.ProxyConfigJson;
import io.gitmesh.xds.translate.TranslateOptions;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code gitmesh run} assembled: the reconciler following a repository, the xDS server serving what
 * it applies, and the HTTP endpoints. The first pass runs before the xDS server opens, so a proxy
 * that connects gets the repository's config, not an empty one.
 */
public final class ControlPlane implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ControlPlane.class);

    /**
     * How to run.
     *
     * @param translate how the mesh becomes xDS resources, e.g. whether proxyless gRPC workloads use mTLS
     */
    public record Settings(InetSocketAddress xdsAddress, InetSocketAddress httpAddress, Duration interval,
            boolean insecureXds, Optional<byte[]> webhookSecret, TranslateOptions translate) { }

    private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final XdsMeshSink sink;
    private final Reconciler reconciler;
    private final ReconcileLoop loop;
    private final XdsServer server;
    private final HttpEndpoints http;

    private ControlPlane(Settings settings, GitSource source, PolicyPaths paths, Supplier<SourceFiles> clusterState,
            RevisionCompiler compiler) throws IOException {
        if (!settings.insecureXds()) {
            throw new IllegalArgumentException("xDS over mTLS arrives with the CA; run with --insecure-xds on a "
                    + "loopback address for now");
        }
        sink = new XdsMeshSink(settings.translate());
        reconciler = new Reconciler(source, paths, clusterState, compiler, sink, Clock.systemUTC(), meters);
        server = XdsServer.builder(settings.xdsAddress()).resolver(sink).meterRegistry(meters).build();
        sink.attach(server);
        reconciler.reconcile();
        server.start();
        loop = new ReconcileLoop(reconciler, settings.interval(), 0.1, RandomGenerator.of("L64X128MixRandom"));
        http = HttpEndpoints.start(settings.httpAddress(), new HttpEndpoints.Handlers(
                () -> reconciler.status().ready(), meters::scrape, this::status, this::configOf,
                settings.webhookSecret().map(WebhookVerifier::new), loop::trigger));
        loop.start();
        LOG.info("gitmesh running xds={} http={} interval={}", server.address(), http.address(), settings.interval());
    }

    public static ControlPlane start(Settings settings, GitSource source, PolicyPaths paths,
            Supplier<SourceFiles> clusterState, RevisionCompiler compiler) throws IOException {
        return new ControlPlane(settings, source, paths, clusterState, compiler);
    }

    public InetSocketAddress xdsAddress() {
        return server.address();
    }

    public InetSocketAddress httpAddress() {
        return http.address();
    }

    public Reconciler reconciler() {
        return reconciler;
    }

    /** Asks for a reconcile now (what the push webhook does). */
    public void trigger() {
        loop.trigger();
    }

    /** The proxies connected now, with the versions they ACKed. */
    public List<io.gitmesh.xds.server.ProxyStatus> proxies() {
        return server.proxies();
    }

    /** The configs served now, by group. */
    public Map<SnapshotGroup, ProxyConfig> served() {
        return sink.served().map(XdsMeshSink.Served::configs).orElse(Map.of());
    }

    private String status() {
        List<Diagnostic> overrides = sink.served().map(XdsMeshSink.Served::diagnostics).orElse(List.of());
        return StatusJson.render(reconciler.status(), overrides, server.proxies());
    }

    /** {@code NS/SA} or {@code NS/SA/flavour}: the config of that identity's group (envoy by default). */
    private Optional<String> configOf(String workload) {
        String[] parts = workload.split("/");
        if (parts.length < 2) {
            return Optional.empty();
        }
        String flavour = parts.length > 2 ? parts[2] : "envoy";
        return served().entrySet().stream()
                .filter(e -> e.getKey().namespace().equals(parts[0]) && e.getKey().serviceAccount().equals(parts[1])
                        && e.getKey().flavour().wireName().equals(flavour))
                .findFirst().map(e -> ProxyConfigJson.print(e.getValue()));
    }

    @Override
    public void close() {
        loop.close();
        http.close();
        server.close();
        meters.close();
    }
}
