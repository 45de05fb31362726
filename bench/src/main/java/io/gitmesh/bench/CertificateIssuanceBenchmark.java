package io.gitmesh.bench;

import io.gitmesh.ca.IssuedCertificate;
import java.security.GeneralSecurityException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
 * Leaf certificates per second on two threads. {@code fromCsr}: check a P-256 CSR's signature, then sign an
 * X.509-SVID (the request path). {@code withNewKey}: generate a P-256 key, then sign (SDS and per-pod
 * Secrets). Target C1: ≥ 2,000/s. Run: {@code bench/run CertificateIssuanceBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
@Threads(2)
public class CertificateIssuanceBenchmark {
    private static final int WORKLOADS = 1024;

    private IssuanceWorkload workload;
    private final AtomicInteger next = new AtomicInteger();

    @Setup
    public void createCa() throws GeneralSecurityException {
        workload = new IssuanceWorkload(WORKLOADS);
    }

    @Benchmark
    public IssuedCertificate fromCsr() {
        int i = Math.floorMod(next.getAndIncrement(), WORKLOADS);
        return workload.ca.issue(workload.requests.get(i), workload.csrs.get(i));
    }

    @Benchmark
    public IssuedCertificate withNewKey() {
        return workload.ca.issueWithNewKey(workload.requests.get(Math.floorMod(next.getAndIncrement(), WORKLOADS)));
    }
}
