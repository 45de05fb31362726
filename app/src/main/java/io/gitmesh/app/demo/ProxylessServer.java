package io.gitmesh.app.demo;

import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.xds.XdsServerBuilder;
import io.grpc.xds.XdsServerCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A proxyless gRPC server of the demo (grpc-java's {@code XdsServerBuilder}) on 127.0.0.1: it asks
 * gitmesh for its listener and enforces what it gets — mTLS with its own certificate, and RBAC on the
 * caller's SPIFFE ID. It answers its workload's call ({@link BookstoreApi}) with the workload's name.
 */
final class ProxylessServer implements AutoCloseable {
    private final DemoWorkload workload;
    private final Server server;
    private final CompletableFuture<Void> started = new CompletableFuture<>();

    private ProxylessServer(DemoWorkload workload, Server server) {
        this.workload = workload;
        this.server = server;
    }

    /**
     * Starts {@code workload}'s server on 127.0.0.1:{@code port}. grpc-java's start blocks until the
     * server has its listener from the control plane, so it runs on a thread of its own: see
     * {@link #awaitStarted}.
     */
    static ProxylessServer start(DemoWorkload workload, int port, Map<String, ?> bootstrap) {
        ProxylessServer server = new ProxylessServer(workload, XdsServerBuilder.forAddress(
                        new InetSocketAddress("127.0.0.1", port), XdsServerCredentials.create(
                                InsecureServerCredentials.create()))
                .overrideBootstrapForTest(bootstrap)
                .addService(BookstoreApi.answeringAs(workload.served().call(), workload.name()))
                .build());
        Thread.ofVirtual().name("gitmesh-demo-start-" + workload.name()).start(server::run);
        return server;
    }

    private void run() {
        try {
            server.start();
            started.complete(null);
        } catch (IOException e) {
            started.completeExceptionally(new UncheckedIOException(e));
        } catch (RuntimeException e) {
            started.completeExceptionally(e);
        }
    }

    /** Waits until the server serves; fails, naming the workload, when that takes longer than {@code timeout}. */
    void awaitStarted(Duration timeout) {
        try {
            started.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException(workload.name() + " got no listener from gitmesh within "
                    + timeout.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(workload.name() + " did not start: " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + workload.name() + " started", e);
        }
    }

    @Override
    public void close() {
        server.shutdownNow();
    }
}
