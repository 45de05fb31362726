package io.gitmesh.app.run;

import io.gitmesh.app.http.HttpEndpoints;
import io.gitmesh.ca.IssuedCertificate;
import io.gitmesh.model.Identity;
import io.gitmesh.ca.store.CaStore;
import io.gitmesh.reconciler.loop.AppliedRevision;
import io.gitmesh.reconciler.loop.RevisionListener;
import io.gitmesh.reconciler.git.SecretReader;
import io.gitmesh.reconciler.source.Secret;
import io.gitmesh.reconciler.status.CommitStatusPublisher;
import io.gitmesh.reconciler.status.GitHost;
import io.gitmesh.reconciler.compile.ClusterInput;
import io.gitmesh.reconciler.compile.RevisionCompiler;
import io.gitmesh.reconciler.loop.ReconcileLoop;
import io.gitmesh.reconciler.loop.Reconciler;
import io.gitmesh.reconciler.source.GitSource;
import io.gitmesh.reconciler.source.PolicyPaths;
import io.gitmesh.reconciler.trigger.WebhookVerifier;
import io.gitmesh.schema.Diagnostic;
import io.gitmesh.schema.Limits;
import io.gitmesh.schema.SourceFiles;
import io.gitmesh.xds.ProxyConfig;
import io.gitmesh.xds.SnapshotGroup;
import io.gitmesh.schema.policy.MeshConfig;
import io.gitmesh.xds.secrets.SdsPublisher;
import io.gitmesh.xds.server.XdsServer;
import io.gitmesh.xds.translate.ProxyConfigJson;
import io.gitmesh.xds.translate.TranslateOptions;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code gitmesh run} assembled: the reconciler following a repository, the xDS server serving what
 * it applies, and the HTTP endpoints. The first pass runs before the xDS server opens, so a proxy
 * that connects gets the repository's config, not an empty one.
 *
 * <p>With {@link XdsSecurity.MutualTls} (the default of {@code gitmesh run}) the server speaks mTLS with
 * a certificate of the CA in the CA directory, binds each stream to its client certificate's identity,
 * gives Envoy sidecars their SDS secrets, and proxyless gRPC is translated to mTLS; a root rotation
 * recorded in the CA store is carried through its stages ({@link RootRotationDriver}). A workload needs a
 * bootstrap ({@code GrpcBootstrap}/{@code EnvoyBootstrap} with its certificate directory) and the files of
 * {@code WorkloadFiles.write(dir, ca.issueWithNewKey(...), ca.trustBundle())} for the same CA.
 */
public final class ControlPlane implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ControlPlane.class);

    /** How to run. */
    public record Settings(InetSocketAddress xdsAddress, InetSocketAddress httpAddress, Duration interval,
            XdsSecurity xdsSecurity, Optional<byte[]> webhookSecret, Optional<Injector> injector,
            Optional<CommitStatus> commitStatus) {
        public Settings {
            Objects.requireNonNull(xdsAddress, "xdsAddress");
            Objects.requireNonNull(httpAddress, "httpAddress");
            Objects.requireNonNull(interval, "interval");
            Objects.requireNonNull(xdsSecurity, "xdsSecurity");
            Objects.requireNonNull(webhookSecret, "webhookSecret");
            Objects.requireNonNull(injector, "injector");
            Objects.requireNonNull(commitStatus, "commitStatus");
            if (injector.isPresent() && !(xdsSecurity instanceof XdsSecurity.MutualTls)) {
                throw new IllegalArgumentException("the injector webhook needs the CA: it cannot run with insecure xDS");
            }
        }

        /** Without the injector webhook and commit statuses. */
        public Settings(InetSocketAddress xdsAddress, InetSocketAddress httpAddress, Duration interval,
                XdsSecurity xdsSecurity, Optional<byte[]> webhookSecret) {
            this(xdsAddress, httpAddress, interval, xdsSecurity, webhookSecret, Optional.empty(), Optional.empty());
        }

        public Settings withInjector(Injector webhook) {
            return new Settings(xdsAddress, httpAddress, interval, xdsSecurity, webhookSecret, Optional.of(webhook),
                    commitStatus);
        }

        public Settings withCommitStatus(CommitStatus status) {
            return new Settings(xdsAddress, httpAddress, interval, xdsSecurity, webhookSecret, injector,
                    Optional.of(status));
        }
    }

    /** Each revision's final outcome posted as a commit status on the git host, with a token read per post. */
    public record CommitStatus(GitHost host, Secret token) {
        public CommitStatus {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(token, "token");
        }
    }

    /**
     * The sidecar injector's admission webhook.
     *
     * @param address     where it listens (HTTPS)
     * @param dnsNames    the names the API server reaches it by (the webhook Service's), in its certificate
     * @param webhookConfiguration the MutatingWebhookConfiguration whose webhooks get the CA bundle
     *                    ({@code --cluster kube} only)
     * @param webhooks    the names of gitmesh's webhooks in it
     */
    public record Injector(InetSocketAddress address, List<String> dnsNames, String webhookConfiguration,
            Set<String> webhooks) {
        public Injector {
            Objects.requireNonNull(address, "address");
            dnsNames = List.copyOf(dnsNames);
            Objects.requireNonNull(webhookConfiguration, "webhookConfiguration");
            webhooks = Set.copyOf(webhooks);
        }
    }

    private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final XdsMeshSink sink;
    private final Reconciler reconciler;
    private final ReconcileLoop loop;
    private final XdsServer server;
    private final Optional<ControlPlaneTls> tls;
    private final Optional<SdsPublisher> sds;
    private final Optional<ManagedWorkloadFiles> workloadFiles;
    private final Optional<RootRotationDriver> rootRotation;
    private final Optional<KubernetesRuntime> kubernetes;
    private final Optional<InjectorWebhook> injector;
    private final Optional<CommitStatusPublisher> commitStatus;
    private final HttpEndpoints http;
    /** The loop once it runs; cluster changes before that are covered by the first pass. */
    private volatile ReconcileLoop clusterChangesGoTo;

    private ControlPlane(Settings settings, GitSource source, PolicyPaths paths, ClusterSource cluster,
            RevisionCompiler compiler) throws IOException {
        Clock clock = Clock.systemUTC();
        Optional<XdsSecurity.MutualTls> secured = settings.xdsSecurity() instanceof XdsSecurity.MutualTls mutualTls
                ? Optional.of(mutualTls) : Optional.empty();
        Optional<CaStore> caStore = secured.map(mutualTls -> CaWiring.store(mutualTls, cluster));
        tls = secured.map(mutualTls -> ControlPlaneTls.start(mutualTls, caStore.orElseThrow(), clock));
        kubernetes = cluster instanceof ClusterSource.Kubernetes kube
                ? Optional.of(new KubernetesRuntime(kube.client(), kube.settings(), Limits.DEFAULT, meters, clock,
                        this::clusterChanged, secured.map(mutualTls -> CaWiring.bootstrapSecrets(kube, mutualTls,
                                () -> tls.orElseThrow().authority(), this::xdsPort, clock))))
                : Optional.empty();
        injector = settings.injector().isEmpty() ? Optional.empty()
                : Optional.of(InjectorWebhook.start(settings.injector().get().address(), tls.orElseThrow().authority(),
                        settings.injector().get().dnsNames(),
                        CaWiring.caBundlePublisher(settings.injector().get(), cluster),
                        clock));
        Supplier<ClusterInput> clusterInput = switch (cluster) {
            case ClusterSource.Kubernetes kube -> kubernetes.orElseThrow()::clusterInput;
            case ClusterSource.Files files -> () -> new ClusterInput.Files(files.files().get());
        };
        sink = new XdsMeshSink(tls.isPresent() ? TranslateOptions.defaults() : TranslateOptions.insecurePlaintextGrpc(),
                tls.map(t -> t.authority().authority().trustDomain()));
        commitStatus = settings.commitStatus().map(status -> new CommitStatusPublisher(status.host(), status.token(),
                new SecretReader(System::getenv), HttpClient.newHttpClient()));
        RevisionListener writers = kubernetes.map(KubernetesRuntime::listener).orElse((outcome, applied) -> { });
        reconciler = new Reconciler(source, paths, clusterInput, compiler, this::publish, (outcome, applied) -> {
            writers.passed(outcome, applied);
            injector.ifPresent(webhook -> webhook.passed(outcome, applied));
            commitStatus.ifPresent(status -> status.passed(outcome, applied));
        }, clock, meters);
        XdsServer.Builder builder = XdsServer.builder(settings.xdsAddress()).resolver(sink).meterRegistry(meters);
        tls.ifPresent(t -> builder.mutualTls(t.serverTls()));
        server = builder.build();
        sds = tls.map(t -> new SdsPublisher(server, t.authority(), MeshConfig.DEFAULT_WORKLOAD_LIFETIME, clock,
                new SplittableRandom()));
        workloadFiles = tls.map(t -> new ManagedWorkloadFiles(t.authority(),
                secured.orElseThrow().rotation().workloadFileRefresh(), clock));
        rootRotation = tls.map(t -> new RootRotationDriver(caStore.orElseThrow(), t.loaded(), t::authorityOf,
                this::rotationParticipants, CaWiring.rotationPeers(cluster, () -> kubernetes.orElseThrow().isLeader(),
                        secured.orElseThrow().rotation().checkInterval(), clock),
                secured.orElseThrow().rotation().checkInterval()));
        sink.attach(sds.isPresent() ? sds.get()::publish : server::publish);
        kubernetes.ifPresent(KubernetesRuntime::watch);
        reconciler.reconcile();
        server.start();
        commitStatus.ifPresent(status -> kubernetes.ifPresentOrElse(kube -> kube.writeWhileLeading(status),
                status::start));
        kubernetes.ifPresent(KubernetesRuntime::standForLeader);
        rootRotation.ifPresent(RootRotationDriver::start);
        loop = new ReconcileLoop(reconciler, settings.interval(), 0.1, RandomGenerator.of("L64X128MixRandom"));
        http = HttpEndpoints.start(settings.httpAddress(), new HttpEndpoints.Handlers(
                () -> reconciler.status().ready(), meters::scrape, this::status, this::configOf,
                settings.webhookSecret().map(WebhookVerifier::new), loop::trigger));
        loop.start();
        clusterChangesGoTo = loop;
        LOG.info("gitmesh running xds={} http={} interval={}", server.address(), http.address(), settings.interval());
    }

    /** A control plane whose cluster is Kubernetes objects in files, read again on every pass. */
    public static ControlPlane start(Settings settings, GitSource source, PolicyPaths paths,
            Supplier<SourceFiles> clusterState, RevisionCompiler compiler) throws IOException {
        return new ControlPlane(settings, source, paths, new ClusterSource.Files(clusterState), compiler);
    }

    /** A control plane whose cluster is given by {@code cluster} (files, or the API server). */
    public static ControlPlane start(Settings settings, GitSource source, PolicyPaths paths, ClusterSource cluster,
            RevisionCompiler compiler) throws IOException {
        return new ControlPlane(settings, source, paths, cluster, compiler);
    }

    /** With {@code --cluster kube}: whether this replica holds the leader Lease and runs the writers. */
    public Optional<Boolean> leading() {
        return kubernetes.map(KubernetesRuntime::isLeader);
    }

    public InetSocketAddress xdsAddress() {
        return server.address();
    }

    private int xdsPort() {
        return server.address().getPort();
    }

    public InetSocketAddress httpAddress() {
        return http.address();
    }

    /**
     * Issues a certificate for {@code workload} from the control plane's CA and writes it into
     * {@code directory} as {@code cert.pem}, {@code key.pem} and {@code ca.pem} (what a bootstrap's
     * {@code --certs DIR} names and gRPC's file_watcher reads); only with mTLS. A root rotation rewrites the
     * files at each stage ({@link ManagedWorkloadFiles}).
     *
     * @throws IllegalStateException when the control plane runs with insecure xDS
     */
    public IssuedCertificate writeWorkloadFiles(Identity workload, Duration lifetime, Path directory) {
        return workloadFiles.orElseThrow(() -> new IllegalStateException(
                "the control plane runs with insecure xDS: it has no CA")).write(workload, lifetime, directory);
    }

    public Reconciler reconciler() {
        return reconciler;
    }

    /** Asks for a reconcile now (what the push webhook does). */
    public void trigger() {
        loop.trigger();
    }

    /** Checks the CA store for a root rotation now, rather than at the next check interval. */
    void checkRootRotation() {
        rootRotation.orElseThrow(() -> new IllegalStateException("the control plane runs with insecure xDS: it has"
                + " no CA")).check();
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
        return StatusJson.render(reconciler.status(), overrides, server.proxies(), kubernetes.map(kube ->
                new StatusJson.Kubernetes(kube.isLeader(), kube.leader(), kube.mirrorStatus())),
                rootRotation.map(RootRotationDriver::status));
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

    /** The injector webhook's address, when it runs. */
    public Optional<InetSocketAddress> injectorAddress() {
        return injector.map(InjectorWebhook::address);
    }

    /** Publishes an applied revision; certificates issued for it already have its MeshConfig's lifetime. */
    private void publish(AppliedRevision revision) {
        sds.ifPresent(publisher -> publisher.useLifetime(revision.compiled().checked().policies()
                .effectiveMeshConfig().workloadLifetime()));
        sink.publish(revision);
    }

    /** A burst of cluster changes is over: compile the applied commit again with the cluster as it is. */
    private void clusterChanged() {
        ReconcileLoop target = clusterChangesGoTo;
        if (target != null) {
            target.triggerClusterChange();
        }
    }

    /** Who follows a root rotation's stages now. */
    private List<RotationParticipant> rotationParticipants() {
        List<RotationParticipant> participants = new ArrayList<>();
        tls.ifPresent(participants::add);
        sds.map(SdsParticipant::new).ifPresent(participants::add);
        workloadFiles.ifPresent(participants::add);
        injector.ifPresent(participants::add);
        kubernetes.ifPresent(participants::add);
        return participants;
    }

    @Override
    public void close() {
        rootRotation.ifPresent(RootRotationDriver::close);
        kubernetes.ifPresent(KubernetesRuntime::close);
        injector.ifPresent(InjectorWebhook::close);
        commitStatus.ifPresent(CommitStatusPublisher::close);
        loop.close();
        http.close();
        sds.ifPresent(SdsPublisher::close);
        tls.ifPresent(ControlPlaneTls::close);
        server.close();
        meters.close();
    }
}
