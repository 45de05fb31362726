package io.gitmesh.bench;

import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Issuance latency at a fixed rate: CSRs arrive on a schedule (open loop) and two worker threads issue
 * them. Latency counts from the moment a request was due, so time spent queued behind a slow one is
 * included. Target: p99 ≤ 10 ms at 500/s.
 *
 * <pre>bench/run -l &amp;&amp; java -cp "$(ls bench/target/gitmesh-bench-*.jar):bench/target/lib/*" \
 *     io.gitmesh.bench.CertificateIssuanceLatency [RATE_PER_SECOND [SECONDS]]</pre>
 */
public final class CertificateIssuanceLatency {
    private static final int WORKLOADS = 1024;
    private static final int WARMUP_ISSUES = 20_000;

    private CertificateIssuanceLatency() {
    }

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        IssuanceWorkload workload = new IssuanceWorkload(WORKLOADS);
        for (int i = 0; i < WARMUP_ISSUES; i++) {
            workload.ca.issue(workload.requests.get(i % WORKLOADS), workload.csrs.get(i % WORKLOADS));
        }

        int total = rate * seconds;
        long[] latencies = new long[total];
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        ExecutorService workers = Executors.newFixedThreadPool(2);
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10);
        for (int i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            int request = i;
            workers.execute(() -> {
                workload.ca.issue(workload.requests.get(request % WORKLOADS), workload.csrs.get(request % WORKLOADS));
                latencies[request] = System.nanoTime() - due;
            });
        }
        workers.shutdown();
        if (!workers.awaitTermination(1, TimeUnit.MINUTES)) {
            throw new IllegalStateException("issuance did not finish within a minute");
        }
        long elapsed = System.nanoTime() - start;

        Arrays.sort(latencies);
        System.out.printf("issued %d certificates from CSRs at %d/s for %d s (achieved %.0f/s) on 2 threads%n",
                total, rate, seconds, total / (elapsed / 1e9));
        System.out.printf("latency ms: p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f%n",
                millis(latencies, 0.50), millis(latencies, 0.90), millis(latencies, 0.99), millis(latencies, 0.999),
                latencies[total - 1] / 1e6);
    }

    private static double millis(long[] sorted, double quantile) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }
}
