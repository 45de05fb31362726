package io.gitmesh.xds.server;

import io.envoyproxy.controlplane.cache.SimpleCache;
import io.envoyproxy.controlplane.server.V3DiscoveryServer;
import io.gitmesh.xds.ProxyConfig;
import io.gitmesh.xds.SnapshotGroup;
import io.gitmesh.xds.SnapshotGroupResolver;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ADS server: serves each {@link SnapshotGroup}'s {@link ProxyConfig} over xDS v3, state-of-the-world
 * and delta, on the aggregated service and on the per-type services (CDS, EDS, LDS, RDS, SDS), built on
 * java-control-plane's discovery server and snapshot cache over grpc-java.
 *
 * <ul>
 *   <li>{@link #publish} takes the whole desired state and returns at once; see {@link Publisher} for
 *       coalescing, change detection, the consistency check and make-before-break.</li>
 *   <li>Each stream is pinned to the node of its first request and that node's group, resolved by the
 *       configured {@link SnapshotGroupResolver} (see {@link StreamPinning}).</li>
 *   <li>Responses are written by a pool, never by the publishing thread ({@link FanOut}); each resource is
 *       serialized once ({@link OncePerResourceSerializer}); versions are content hashes.</li>
 *   <li>ACKs and NACKs are recorded per stream ({@link #proxies()}), NACKs also counted in the meter
 *       registry as {@code gitmesh.xds.nacks}.</li>
 * </ul>
 *
 * <p>Transport security: mTLS with {@link Builder#mutualTls}, which also binds every stream to the
 * identity of its client certificate (see {@link StreamPinning}); refused streams are counted as
 * {@code gitmesh.xds.streams.refused}. Plaintext (the default) has no identities to bind, so any node
 * gets the group it claims: the server then binds only to loopback unless
 * {@link Builder#allowInsecureNonLoopback()} says otherwise (DESIGN.md §4: plaintext xDS is for
 * loopback development only).
 */
public final class XdsServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(XdsServer.class);
    private static final Duration DEFAULT_GRACE = Duration.ofSeconds(5);

    private final ProxyTracker tracker;
    private final Publisher publisher;
    private final FanOut fanOut;
    private final Server server;

    private XdsServer(Builder builder) {
        this.tracker = new ProxyTracker(builder.clock, builder.meters, this::answerArrived);
        SimpleCache<SnapshotGroup, GroupSnapshot> cache = new SimpleCache<>(tracker::groupOfPinned) {
        };
        this.publisher = new Publisher(cache, tracker, builder.removalTimeout);
        this.fanOut = new FanOut(builder.fanOutThreads);
        V3DiscoveryServer discovery = new V3DiscoveryServer(List.of(), new FullStateTypesWatcher(cache), fanOut,
                new OncePerResourceSerializer());
        StreamPinning pinning = new StreamPinning(builder.resolver, tracker, builder.tls == null
                ? IdentityBinding.none() : IdentityBinding.to(builder.tls.trustDomain()), builder.meters);
        ServerCredentials credentials = builder.tls == null ? InsecureServerCredentials.create() : builder.tls.credentials();
        this.server = NettyServerBuilder.forAddress(builder.address, credentials)
                .addService(ServerInterceptors.intercept(discovery.getAggregatedDiscoveryServiceImpl(), pinning))
                .addService(ServerInterceptors.intercept(discovery.getClusterDiscoveryServiceImpl(), pinning))
                .addService(ServerInterceptors.intercept(discovery.getEndpointDiscoveryServiceImpl(), pinning))
                .addService(ServerInterceptors.intercept(discovery.getListenerDiscoveryServiceImpl(), pinning))
                .addService(ServerInterceptors.intercept(discovery.getRouteDiscoveryServiceImpl(), pinning))
                .addService(ServerInterceptors.intercept(discovery.getSecretDiscoveryServiceImpl(), pinning))
                .build();
    }

    public static Builder builder(InetSocketAddress address) {
        return new Builder(address);
    }

    /**
     * Binds and starts serving.
     *
     * @return the bound address (with the real port when port 0 was asked for)
     * @throws IOException if the address cannot be bound
     */
    public InetSocketAddress start() throws IOException {
        server.start();
        InetSocketAddress bound = address();
        LOG.info("xDS server listening on {}", hostPort(bound));
        return bound;
    }

    /** The bound address; only after {@link #start()}. */
    public InetSocketAddress address() {
        return (InetSocketAddress) server.getListenSockets().getFirst();
    }

    /**
     * Makes {@code desired} the whole served state: every group in it gets its config, groups not in it
     * are dropped. Returns at once; the future completes when this state, or a newer one that superseded
     * it, has been applied (proxies are still being written to), and fails only if the server stopped or
     * applying failed unexpectedly.
     */
    public CompletableFuture<PublishResult> publish(Map<SnapshotGroup, ProxyConfig> desired) {
        return publisher.publish(desired);
    }

    /** The connected streams and what each accepted and rejected, by node id. */
    public List<ProxyStatus> proxies() {
        return tracker.proxies();
    }

    /**
     * Stops: no further publishes are applied, every stream is cancelled (proxies keep their last
     * config and reconnect, to another replica if there is one), and the server waits up to {@code grace}
     * for calls and queued responses to finish.
     */
    public void stop(Duration grace) throws InterruptedException {
        publisher.close();
        server.shutdownNow();
        boolean terminated = server.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
        fanOut.stop(grace);
        LOG.info("xDS server stopped{}", terminated ? "" : " (calls still running after " + grace + ")");
    }

    /** {@link #stop} with a grace of five seconds; an interrupt cuts the wait short and stays set. */
    @Override
    public void close() {
        try {
            stop(DEFAULT_GRACE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String hostPort(InetSocketAddress address) {
        return address.getHostString() + ":" + address.getPort();
    }

    private void answerArrived() {
        publisher.answerArrived();
    }

    /** Configures an {@link XdsServer}; only the address is required. */
    public static final class Builder {
        private final InetSocketAddress address;
        private ServerTls tls;
        private boolean allowInsecureNonLoopback;
        private SnapshotGroupResolver resolver = SnapshotGroupResolver.byNodeMetadata();
        private MeterRegistry meters = new SimpleMeterRegistry();
        private Clock clock = Clock.systemUTC();
        private Duration removalTimeout = Duration.ofSeconds(10);
        private int fanOutThreads = Runtime.getRuntime().availableProcessors();

        private Builder(InetSocketAddress address) {
            this.address = Objects.requireNonNull(address, "address");
            if (address.isUnresolved()) {
                throw new IllegalArgumentException("xDS address " + address + " is not resolved");
            }
        }

        /**
         * Serves over mTLS with {@code tls}'s certificate, admits only clients with a certificate of its
         * trust bundle, and binds each stream to its client certificate's identity. Plaintext by default.
         */
        public Builder mutualTls(ServerTls tls) {
            this.tls = Objects.requireNonNull(tls, "tls");
            return this;
        }

        /** Permits plaintext on an address other than loopback ({@code --insecure-xds}). */
        public Builder allowInsecureNonLoopback() {
            this.allowInsecureNonLoopback = true;
            return this;
        }

        /** How a node maps to its group; by default {@link SnapshotGroupResolver#byNodeMetadata()}. */
        public Builder resolver(SnapshotGroupResolver resolver) {
            this.resolver = Objects.requireNonNull(resolver, "resolver");
            return this;
        }

        /** Where the NACK counter and the stream gauge go; by default a registry of its own. */
        public Builder meterRegistry(MeterRegistry meters) {
            this.meters = Objects.requireNonNull(meters, "meters");
            return this;
        }

        /** The clock of the ACK and NACK times in {@link #proxies()}. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How long a make-before-break step waits for every proxy's answer before removing; 10 s by default. */
        public Builder removalTimeout(Duration removalTimeout) {
            if (removalTimeout.isNegative()) {
                throw new IllegalArgumentException("removal timeout " + removalTimeout + " is negative");
            }
            this.removalTimeout = removalTimeout;
            return this;
        }

        /** Threads writing responses; by default one per processor. */
        public Builder fanOutThreads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("fan-out needs at least one thread, not " + threads);
            }
            this.fanOutThreads = threads;
            return this;
        }

        /**
         * The server, not started yet.
         *
         * @throws IllegalStateException for plaintext on a non-loopback address without
         *                               {@link #allowInsecureNonLoopback()}
         */
        public XdsServer build() {
            if (tls == null && !address.getAddress().isLoopbackAddress() && !allowInsecureNonLoopback) {
                throw new IllegalStateException("refusing plaintext xDS on " + hostPort(address)
                        + ": plaintext is for loopback only; give the server TLS credentials, or allow it explicitly"
                        + " (--insecure-xds) for development");
            }
            return new XdsServer(this);
        }
    }
}
