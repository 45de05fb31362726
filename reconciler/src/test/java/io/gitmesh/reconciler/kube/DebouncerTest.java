package io.gitmesh.reconciler.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DebouncerTest {
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final ScheduledExecutorService events = Executors.newSingleThreadScheduledExecutor();
    private final AtomicInteger runs = new AtomicInteger();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
        events.shutdownNow();
    }

    @Test
    void aBurstOfSignalsRunsTheActionOnce() {
        Debouncer debouncer = new Debouncer(Duration.ofMillis(50), Duration.ofSeconds(2), scheduler,
                runs::incrementAndGet);

        for (int i = 0; i < 1_000; i++) {
            debouncer.signal();
        }

        await().atMost(Duration.ofSeconds(2)).until(() -> runs.get() == 1);
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(1)).until(() -> runs.get() == 1);
    }

    @Test
    void signalsThatNeverStopStillRunTheActionEveryMaxDelay() {
        Debouncer debouncer = new Debouncer(Duration.ofMillis(100), Duration.ofMillis(300), scheduler, runs::incrementAndGet);

        ScheduledFuture<?> stream = events.scheduleAtFixedRate(debouncer::signal, 0, 10, TimeUnit.MILLISECONDS);

        await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() >= 3);
        assertThat(stream.isDone()).as("the signals were still coming").isFalse();
    }

    @Test
    void aSignalAfterTheRunOpensANewBurst() {
        Debouncer debouncer = new Debouncer(Duration.ofMillis(20), Duration.ofMillis(100), scheduler,
                runs::incrementAndGet);

        debouncer.signal();
        await().atMost(Duration.ofSeconds(2)).until(() -> runs.get() == 1);
        debouncer.signal();

        await().atMost(Duration.ofSeconds(2)).until(() -> runs.get() == 2);
    }

    @Test
    void refusesAMaxDelayShorterThanTheQuietTime() {
        assertThatThrownBy(() -> new Debouncer(Duration.ofSeconds(2), Duration.ofSeconds(1), scheduler, runs::incrementAndGet))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("quiet <= maxDelay");
    }
}
