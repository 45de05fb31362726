package io.gitmesh.xds.server;

import com.google.common.util.concurrent.MoreExecutors;
import io.envoyproxy.controlplane.server.ExecutorGroup;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Where responses are written. java-control-plane hands each stream's responses to the executor this
 * group gave the stream; its default runs them on the caller, so {@code SimpleCache.setSnapshot} would
 * serialize and write to every watching proxy on the publishing thread. Here each stream gets a
 * sequential executor over a shared pool: the publisher only enqueues, streams are written in parallel,
 * and one stream's responses keep their order (CDS, EDS, LDS, RDS).
 */
final class FanOut implements ExecutorGroup {
    private final ExecutorService pool;

    FanOut(int threads) {
        this.pool = Executors.newFixedThreadPool(threads,
                Thread.ofPlatform().name("xds-fanout-", 0).daemon().factory());
    }

    @Override
    public Executor next() {
        return MoreExecutors.newSequentialExecutor(pool);
    }

    /** Runs what is queued, up to {@code grace}, then stops. */
    void stop(Duration grace) throws InterruptedException {
        pool.shutdown();
        if (!pool.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            pool.shutdownNow();
        }
    }
}
