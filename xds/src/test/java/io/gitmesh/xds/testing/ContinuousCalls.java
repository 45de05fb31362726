package io.gitmesh.xds.testing;

import io.grpc.Channel;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** {@code mesh.Echo/Who} called one after another on a thread of its own until stopped, counting what failed. */
public final class ContinuousCalls implements AutoCloseable {
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger succeeded = new AtomicInteger();
    private final List<String> failures = new ArrayList<>();
    private final CompletableFuture<Void> done;

    private ContinuousCalls(Channel channel) {
        done = CompletableFuture.runAsync(() -> call(channel), command -> Thread.ofPlatform()
                .name("continuous-calls").daemon().start(command));
    }

    /** Starts calling through {@code channel}. */
    public static ContinuousCalls start(Channel channel) {
        return new ContinuousCalls(channel);
    }

    /** Calls answered so far. */
    public int succeeded() {
        return succeeded.get();
    }

    /** Stops calling and returns every failed call's status, in order. */
    public List<String> stop() {
        running.set(false);
        done.orTimeout(10, TimeUnit.SECONDS).join();
        synchronized (failures) {
            return List.copyOf(failures);
        }
    }

    @Override
    public void close() {
        running.set(false);
    }

    private void call(Channel channel) {
        while (running.get()) {
            try {
                EchoBackend.who(channel);
                succeeded.incrementAndGet();
            } catch (StatusRuntimeException e) {
                synchronized (failures) {
                    failures.add(e.getStatus().toString());
                }
            }
        }
    }
}
