package io.gitmesh.bench;

import io.gitmesh.injector.mutate.InjectionSettings;
import io.gitmesh.injector.mutate.PodMutator;
import io.gitmesh.injector.webhook.AdmissionHandler;
import io.gitmesh.injector.webhook.WebhookAnswer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One AdmissionReview for a typical pod (a ReplicaSet's bookstore pod as the API server sends it: defaults
 * filled in, a projected token volume, three probes), JSON in and JSON out without HTTP: read, inject,
 * diff, write. Target W1: p50 ≤ 1 ms, p99 ≤ 5 ms, ≥ 1,000 reviews/s on one core.
 * Run: {@code bench/run AdmissionReviewBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.SampleTime, Mode.Throughput})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class AdmissionReviewBenchmark {
    private final AdmissionHandler handler = new AdmissionHandler(new PodMutator(InjectionSettings.DEFAULT));
    private byte[] review;

    @Setup
    public void read() {
        try (InputStream in = AdmissionReviewBenchmark.class.getResourceAsStream("pod-create-review.json")) {
            review = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        WebhookAnswer answer = handler.handle(review);
        if (answer.status() != 200 || !answer.text().contains("\"patchType\":\"JSONPatch\"")) {
            throw new IllegalStateException("the review is not injected: " + answer.text());
        }
    }

    @Benchmark
    public WebhookAnswer handleReview() {
        return handler.handle(review);
    }
}
